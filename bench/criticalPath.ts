/**
 * The best parallel execution can do for a run: each grounding line's actions laid out on their dependency
 * graph (as the parallel executor reads it) with the times they took in order; the line then takes as long
 * as its longest chain of dependent actions. Used by bench/parallel to tell a scheduler's shortfall from a
 * program's own shape (two chains and a final step cannot reach 2x, whatever the scheduler).
 */
import { lineDependencies } from "../src/graph/actionDependencies.js";
import type { LumosStateValue } from "../src/graph/state.js";

/** Milliseconds of action time in line order, and of the longest dependent chain of each line, summed over lines. */
export function actionCriticalPath(state: LumosStateValue): { serialMs: number; criticalMs: number } {
  let serialMs = 0;
  let criticalMs = 0;
  for (const grounding of state.groundings) {
    const ran = state.actions.filter((a) => a.subgoal === grounding.subgoal);
    const lineMs = ran.reduce((sum, a) => sum + a.ms, 0);
    serialMs += lineMs;
    const items = grounding.items.filter((item) => item.ok);
    // a line that did not run whole (a failure under "stop") is counted as it ran: in order
    if (items.length !== ran.length) {
      criticalMs += lineMs;
      continue;
    }
    const waits = lineDependencies(items, 0, items.length);
    const finish: number[] = [];
    for (const [position, action] of ran.entries()) finish.push(action.ms + Math.max(0, ...waits[position].map((p) => finish[p])));
    criticalMs += Math.max(0, ...finish);
  }
  return { serialMs, criticalMs };
}
