/**
 * Conditional edges. Each router returns the name of the next node, never throws; every end of a run
 * goes through the finish node, which derives the answer (when planning finished) and releases the task's
 * environment.
 */
import type { LumosStateValue } from "./state.js";

export const FINISH_NODE = "finish";
export const REVIEW_NODE = "review";

/** After planning: ground the new subgoal, or finish (the planner stopped, or failed). */
export function routeAfterPlanner(state: LumosStateValue): "grounder" | "finish" {
  return state.stopReason === null ? "grounder" : "finish";
}

/** After grounding: review (when the graph has a review node) or execute, unless the grounding model failed. */
export function routeAfterGrounder(review: boolean) {
  return (state: LumosStateValue): "review" | "executor" | "finish" => (state.stopReason !== null ? "finish" : review ? "review" : "executor");
}

/** After review: execute what was approved or edited; a rejection ends the run. */
export function routeAfterReview(state: LumosStateValue): "executor" | "finish" {
  return state.stopReason === null ? "executor" : "finish";
}

/** After execution: a tool node for a handed-over action, back to the planner (Lumos-I), or finish. */
export function routeAfterExecutor(state: LumosStateValue): string {
  if (state.pendingCall) return state.pendingCall.node;
  return state.stopReason === null ? "planner" : "finish";
}

/** After a tool node's result was recorded: the rest of the batch, or finish when it ended the run. */
export function routeAfterToolResult(state: LumosStateValue): "executor" | "finish" {
  return state.stopReason === null ? "executor" : "finish";
}
