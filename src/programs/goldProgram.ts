/**
 * A gold program: the subgoals and grounded actions that solve a task, derived from a dataset's own
 * solution. It renders to the exact module outputs a perfect planner and grounder would write, in
 * either formulation (used by the oracle backend and by training-data export).
 */
import { KEEP_PLANNING } from "../protocol/constants.js";

export interface GoldStep {
  /** Subgoal text with its `Subgoal k:` label. */
  subgoal: string;
  /** Actions in the action language, R variables numbered across the whole program. */
  actions: string[];
}

export interface GoldProgram {
  id: string;
  task: string;
  /** The dataset's gold answer as the metric compares it. */
  gold: string;
  steps: GoldStep[];
}

/** Planner output lines of Lumos-I: one per subgoal, then the stop line. */
export function iterativePlanOutputs(program: GoldProgram): string[] {
  return [
    ...program.steps.map((step, i) => (i === 0 ? step.subgoal : `${KEEP_PLANNING} ${step.subgoal}`)),
    "Yes, I will stop planning.",
  ];
}

/** Grounder output lines of Lumos-I: one per subgoal. */
export function iterativeGroundOutputs(program: GoldProgram): string[] {
  return program.steps.map((step) => step.actions.join("; "));
}

/** The Lumos-O plan line. */
export function onetimePlanOutput(program: GoldProgram): string {
  return program.steps.map((step) => step.subgoal).join("; ");
}

/** The Lumos-O grounding line. */
export function onetimeGroundOutput(program: GoldProgram): string {
  return program.steps.flatMap((step) => step.actions).join("; ");
}

/** Every output line a perfect module writes for a program, in conversation order. */
export function programOutputs(program: GoldProgram, module: "planner" | "grounder", formulation: "iterative" | "onetime"): string[] {
  if (formulation === "onetime") return [module === "planner" ? onetimePlanOutput(program) : onetimeGroundOutput(program)];
  return module === "planner" ? iterativePlanOutputs(program) : iterativeGroundOutputs(program);
}
