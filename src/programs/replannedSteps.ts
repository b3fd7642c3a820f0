/**
 * Gold programs replayed under replanning (Lumos-I): told that a subgoal failed (the replan turn), a replaying
 * planner writes that subgoal again, numbered as the next one, and its grounder grounds it again. Without a
 * replan turn every line is the gold program's own, byte for byte.
 *
 * Which gold step each planner line is follows from the planner's conversation; the grounder, which sees only
 * its own, reads it from what the planner of the same task was last asked (so one replayer serves concurrent
 * runs of different tasks).
 */
import { REPLAN_REQUEST } from "../protocol/turns.js";
import { KEEP_PLANNING } from "../protocol/constants.js";
import { iterativeGroundOutputs, iterativePlanOutputs, type GoldProgram } from "./goldProgram.js";

/**
 * The gold step each planner line answers, one per user turn: the next step after a feedback turn, the same
 * step again after a replan turn. A step past the program's last is the stop line.
 */
export function plannedSteps(userTurns: readonly string[]): number[] {
  const steps: number[] = [];
  let next = 0;
  for (const turn of userTurns) {
    const again = steps.length > 0 && turn.endsWith(REPLAN_REQUEST);
    steps.push(again ? steps[steps.length - 1] : next++);
  }
  return steps;
}

/** The planner line for gold step `step` written as subgoal number `number` (a retry is a subgoal of its own). */
export function renumberedPlanLine(program: GoldProgram, step: number, number: number): string | undefined {
  const lines = iterativePlanOutputs(program);
  if (step >= program.steps.length || number === step + 1) return lines[step];
  const subgoal = program.steps[step].subgoal.replace(/^Subgoal \d+:/, `Subgoal ${number}:`);
  return number === 1 ? subgoal : `${KEEP_PLANNING} ${subgoal}`;
}

/** Tasks whose planned steps are remembered: far more than run at once, and bounded, so a long run does not grow. */
const MAX_TRACKED_TASKS = 1024;

export class ReplannedSteps {
  /** By task id, least recently planned first. */
  private readonly byTask = new Map<string, number[]>();

  /** The planner's next line for the task's conversation so far (its user turns, the last one to answer). */
  plannerLine(program: GoldProgram, userTurns: readonly string[]): string | undefined {
    const steps = plannedSteps(userTurns);
    this.byTask.delete(program.id);
    this.byTask.set(program.id, steps);
    if (this.byTask.size > MAX_TRACKED_TASKS) this.byTask.delete(this.byTask.keys().next().value as string);
    return renumberedPlanLine(program, steps[steps.length - 1], steps.length);
  }

  /** The grounding line of the task's `position`-th subgoal (0-based). */
  groundingLine(program: GoldProgram, position: number): string | undefined {
    return iterativeGroundOutputs(program)[this.byTask.get(program.id)?.[position] ?? position];
  }
}
