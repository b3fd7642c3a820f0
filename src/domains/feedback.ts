/** Feedback shared by the maths and complex-QA domains. */
import { pyStrip } from "../protocol/pythonStrip.js";
import type { FeedbackContext } from "./types.js";

/** The value the reference fed back: the text after the last `=` of the last logged action. */
export function lastLoggedResult(context: FeedbackContext): string {
  const last = context.actions[context.actions.length - 1];
  if (!last) return "";
  // only reachable with onActionError "continue": tell the planner what went wrong
  if (last.error) return `an error (${last.error})`;
  const parts = last.logged.split("=");
  return pyStrip(parts[parts.length - 1]);
}
