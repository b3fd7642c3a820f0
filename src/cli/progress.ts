/** Human-readable progress lines from the graph's custom stream events. */
import type { ExecutedAction } from "../graph/records.js";

export type ProgressEvent =
  | { event: "subgoal"; index: number; text: string }
  | { event: "grounding"; subgoal: number; line: string }
  | ({ event: "action" } & ExecutedAction)
  | { event: "plan_stop"; round: number };

export function progressLine(event: ProgressEvent): string | undefined {
  switch (event.event) {
    case "subgoal":
      return `▸ ${event.text}`;
    case "action":
      return event.error ? `    ✗ ${event.text}  [${event.error}]` : `    ${event.logged}`;
    case "plan_stop":
      return "▸ The planner stopped.";
    default:
      return undefined;
  }
}
