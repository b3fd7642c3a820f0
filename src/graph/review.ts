/**
 * Human review of grounded actions: before a batch runs, the executor pauses with LangGraph's
 * `interrupt` and waits for a decision, which arrives as `new Command({ resume: decision })` on the same
 * thread (across process restarts when the checkpointer is persistent, e.g. SQLite).
 */
import { z } from "zod";

/** What the reviewer is shown. */
export interface ReviewRequest {
  kind: "review_actions";
  /** The subgoal being executed (0 for a whole Lumos-O plan). */
  subgoal: number;
  subgoalText: string;
  /** The grounding line as the model wrote it. */
  line: string;
  actions: string[];
}

export const ReviewDecisionSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("approve") }),
  z.object({ action: z.literal("edit"), line: z.string().min(1).describe("The action line to run instead") }),
  z.object({ action: z.literal("reject"), reason: z.string().optional() }),
]);

export type ReviewDecision = z.infer<typeof ReviewDecisionSchema>;

/** A decision from the resume value; anything malformed counts as a rejection with the reason. */
export function readDecision(value: unknown): ReviewDecision {
  const parsed = ReviewDecisionSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  return { action: "reject", reason: `unreadable review decision: ${JSON.stringify(value)}` };
}
