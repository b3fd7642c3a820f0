/**
 * What most domains share, written once: the maths/QA feedback turn, the "Output, else the highest R
 * variable" answer rule, binding by value, and the keep-planning prefix stripped for grounding.
 */
import type { ParsedAction } from "../actions/types.js";
import { lastVariable, substituteVariables } from "../actions/variables.js";
import { executedResultTurn, withoutKeepPlanning } from "../protocol/turns.js";
import { pyStrip } from "../protocol/pythonStrip.js";
import type { FeedbackContext, FinalAnswerContext, LumosDomain } from "./types.js";

/** The value the reference fed back: the text after the last `=` of the last logged action. */
export function lastLoggedResult(context: FeedbackContext): string {
  const last = context.actions[context.actions.length - 1];
  if (!last) return "";
  // only reachable with onActionError "continue": tell the planner what went wrong
  if (last.error) return `an error (${last.error})`;
  const at = last.logged.lastIndexOf("=");
  return pyStrip(at < 0 ? last.logged : last.logged.slice(at + 1));
}

/** "The executed result for Subgoal k is {R}. Should we stop planning?" */
export function executedResultFeedback(context: FeedbackContext): string {
  return executedResultTurn(context.subgoal.index, lastLoggedResult(context));
}

/** `Output` when the program set it, else the value of the highest-numbered R variable. */
export async function outputOrLastVariable({ results }: Pick<FinalAnswerContext, "results">): Promise<string | null> {
  if ("Output" in results) return results.Output;
  const last = lastVariable(results);
  return last === undefined ? null : results[last];
}

/** R variables become their values; the text is mapped onto the tool's schema by the executor. */
export function bindByValue(action: ParsedAction, results: Record<string, string>): string {
  return substituteVariables(action.args, results);
}

/** The parts a domain must give; everything else has the defaults above. */
export type DomainParts = Pick<LumosDomain, "name" | "actionList" | "tools"> & Partial<Omit<LumosDomain, "name" | "actionList" | "tools">>;

/** A complete domain from its own parts and the shared defaults. */
export function createDomain(parts: DomainParts): LumosDomain {
  const names = parts.tools.map((t) => t.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate) throw new Error(`two tools are named "${duplicate}"`);
  return {
    groundingSubgoal: withoutKeepPlanning,
    feedbackTurn: executedResultFeedback,
    bindArguments: bindByValue,
    finalAnswer: outputOrLastVariable,
    ...parts,
  };
}
