/**
 * The one state schema every Lumos graph shares, whatever the domain or formulation.
 * Lists that grow during a run use append reducers so `streamMode: "updates"` shows only what is new.
 */
import { MessagesValue, ReducedValue, StateSchema } from "@langchain/langgraph";
import { z } from "zod";
import {
  cursorSchema,
  executedActionSchema,
  groundingSchema,
  lumosErrorSchema,
  pendingCallSchema,
  stopReasonSchema,
  subgoalSchema,
  transcriptSchema,
  turnSchema,
  type LumosError,
} from "../core/records.js";

function appended<T extends z.ZodTypeAny>(item: T) {
  return new ReducedValue(z.array(item).default(() => []), {
    inputSchema: z.array(item),
    reducer: (current: z.infer<T>[], next: z.infer<T>[]) => [...current, ...next],
  });
}

export const LumosState = new StateSchema({
  /** The task as the user gave it; prompts use it stripped, as the reference did. */
  task: z.string(),
  /** Optional task id (a benchmark item's id); model requests carry it, e.g. for an oracle or tracing. */
  id: z.string().optional(),
  /** The task's environment spec (a database name, an image path, ...) for domains whose tasks have one. */
  environment: z.unknown().optional(),
  /** Key of the task's open environment in this process (set when it is opened; not part of the input). */
  environmentId: z.string().nullable().default(null),
  /** Planning-module conversation so far (user and assistant turns of the Lumos chat). */
  planTurns: z.array(turnSchema).default(() => []),
  /** Grounding-module conversation so far. */
  groundTurns: z.array(turnSchema).default(() => []),
  /** Subgoals the planner has written, in order. */
  subgoals: appended(subgoalSchema),
  /** Each grounding output line and the actions parsed from it. */
  groundings: appended(groundingSchema),
  /** Every action the executor ran (or failed to run), in order. */
  actions: appended(executedActionSchema),
  /** The result table: R1, R2, ... (and Output) to their value text. */
  results: new ReducedValue(z.record(z.string(), z.string()).default(() => ({})), {
    reducer: (current: Record<string, string>, next: Record<string, string>) => ({ ...current, ...next }),
  }),
  /** Exact prompt text and completion of every module call. */
  transcripts: appended(transcriptSchema),
  /** Errors recorded as values: malformed output, unknown tools, undefined variables, failed tools or models. */
  errors: appended(lumosErrorSchema),
  /** Planning rounds done so far (the round limit counts these). */
  round: z.number().int().default(0),
  /** Set once the run is over: why it ended. */
  stopReason: stopReasonSchema.nullable().default(null),
  /** The final answer, or null when the run ended without one. */
  answer: z.string().nullable().default(null),
  /** Tool calls to and results from tool nodes (ToolNode-compatible); empty unless a tool node is used. */
  messages: MessagesValue,
  /** The action a tool node is running right now, if any. */
  pendingCall: pendingCallSchema.nullable().default(null),
  /** Where the executor continues the current batch after a tool node answered. */
  cursor: cursorSchema.nullable().default(null),
});

export type LumosStateValue = typeof LumosState.State;
export type LumosStateUpdate = typeof LumosState.Update;
export type { LumosError };
