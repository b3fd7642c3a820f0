/** Conditional edges. Each router returns the name of the next node or END, never throws. */
import { END } from "@langchain/langgraph";
import type { LumosStateValue } from "./state.js";

/** After planning: ground the new subgoal, derive the answer when the planner stopped, or end on an error. */
export function routeAfterPlanner(state: LumosStateValue): "grounder" | "executor" | typeof END {
  if (state.stopReason === "planner_stop") return "executor";
  if (state.stopReason !== null) return END;
  return "grounder";
}

/** After grounding: execute, unless the grounding model failed. */
export function routeAfterGrounder(state: LumosStateValue): "executor" | typeof END {
  return state.stopReason === null ? "executor" : END;
}

/** After execution: a tool node for a handed-over action, back to the planner (Lumos-I), or end. */
export function routeAfterExecutor(state: LumosStateValue): string {
  if (state.pendingCall) return state.pendingCall.node;
  return state.stopReason === null ? "planner" : END;
}
