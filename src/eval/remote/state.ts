/**
 * The final state a server returns for a run, checked before the runner records it: the server answers JSON,
 * and an assistant that is not a Lumos graph (or a run that ended early) would otherwise be recorded as an
 * empty task instead of an error.
 */
import { z } from "zod";
import { executedActionSchema, lumosErrorSchema, subgoalSchema, transcriptSchema } from "../../core/records.js";
import type { LumosStateValue } from "../../graph/state.js";
import { RemoteRunError } from "./errors.js";

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** What a record is built from, checked item by item with the records' own schemas (a server may answer anything). */
const RECORDED_FIELDS: Record<string, z.ZodType> = {
  subgoals: z.array(subgoalSchema),
  actions: z.array(executedActionSchema),
  transcripts: z.array(transcriptSchema),
  errors: z.array(lumosErrorSchema),
  results: z.record(z.string(), z.string()),
  round: z.number(),
  stopReason: z.string().nullable(),
  answer: z.string().nullable(),
};

/** The values of a finished run as the state the runner records, or an error naming what is missing. */
export function stateFromValues(values: unknown): LumosStateValue {
  if (isObject(values) && isObject(values.__error__)) {
    // what the server reports when the graph raised: the same words graph.invoke would have thrown locally
    const { message, error } = values.__error__;
    throw new RemoteRunError(typeof message === "string" && message !== "" ? message : String(error ?? "the run failed on the server"));
  }
  if (!isObject(values)) throw new RemoteRunError("the server returned no state for the run");
  const problems = Object.entries(RECORDED_FIELDS)
    .filter(([field, schema]) => !schema.safeParse(values[field]).success)
    .map(([field]) => field);
  if (problems.length > 0) throw new RemoteRunError(`the server's final state is not a Lumos state (missing or malformed: ${problems.join(", ")})`);
  return values as unknown as LumosStateValue;
}
