/**
 * What the SQL modules are told after statements ran: the planner gets the observation of each statement
 * of the subgoal (InterCode's rendering); later grounding turns list the earlier results by variable, so
 * the grounder can use what SHOW TABLES or a probe query returned.
 */
import { executedResultTurn } from "../../protocol/turns.js";
import { lastLoggedResult } from "../defaults.js";
import type { FeedbackContext, GroundingContext } from "../types.js";

const SQL_TOOLS = new Set(["Execute", "Submit"]);

/** " The grounding could be based on the following results: R1 = [...]; R2 = No output" (empty when there are none). */
export function earlierResultsText(results: { variable: string; value: string }[]): string {
  if (results.length === 0) return "";
  return ` The grounding could be based on the following results: ${results.map((r) => `${r.variable} = ${r.value}`).join("; ")}`;
}

/** The statements' observations of the subgoal just executed: one as is, several as `R1 = ...; R2 = ...`. */
export function sqlFeedback(context: FeedbackContext): string {
  const done = context.actions.filter((a) => a.subgoal === context.subgoal.index);
  const last = done[done.length - 1];
  if (!last || last.error) return executedResultTurn(context.subgoal.index, lastLoggedResult(context));
  const observations = done.filter((a) => !a.error && a.values.length > 0);
  const text = observations.length === 1 ? observations[0].values.join(", ") : observations.map((a) => `${a.outputs.join(", ")} = ${a.values.join(", ")}`).join("; ");
  return executedResultTurn(context.subgoal.index, text);
}

export function sqlGroundingSuffix(context: GroundingContext): string {
  const earlier = context.actions.filter((a) => !a.error && SQL_TOOLS.has(a.tool)).map((a) => ({ variable: a.outputs.join(", "), value: a.values.join(", ") }));
  return earlierResultsText(earlier);
}
