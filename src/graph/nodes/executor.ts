/**
 * Execution module: runs the latest grounded actions in order with the domain's tools, keeps the R-variable
 * table, and once planning is over (planner stop, one-pass plan done, round limit) derives the answer.
 */
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import type { LumosError } from "../../actions/types.js";
import { executeAction } from "../executeAction.js";
import type { ExecutedAction, StopReason } from "../records.js";
import type { LumosSettings, SettingsResolver } from "../settings.js";
import { configurationFailure } from "../configurationFailure.js";
import type { LumosStateUpdate, LumosStateValue } from "../state.js";

export function makeExecutorNode(resolve: SettingsResolver) {
  async function finish(settings: LumosSettings, state: LumosStateValue, results: Record<string, string>, actions: ExecutedAction[], stopReason: StopReason, signal?: AbortSignal) {
    const { domain, formulation } = settings;
    try {
      const answer = await domain.finalAnswer({ task: state.task, subgoals: state.subgoals, actions, results, formulation, signal });
      return { answer, stopReason, errors: [] as LumosError[] };
    } catch (error) {
      if (signal?.aborted) throw error;
      const message = `final answer failed: ${(error as Error).message}`;
      return { answer: null, stopReason: "action_error" as StopReason, errors: [{ kind: "tool_error", module: "executor", message } as LumosError] };
    }
  }

  return async function executor(state: LumosStateValue, config: LangGraphRunnableConfig): Promise<LumosStateUpdate> {
    let settings: LumosSettings;
    try {
      settings = await resolve(config);
    } catch (error) {
      return configurationFailure("executor", error);
    }
    const { domain, formulation } = settings;
    if (state.stopReason === "planner_stop") {
      const done = await finish(settings, state, state.results, state.actions, "planner_stop", config.signal);
      return { answer: done.answer, stopReason: done.stopReason, errors: done.errors };
    }
    const grounding = state.groundings[state.groundings.length - 1];
    if (!grounding) return { stopReason: "nothing_to_do" };

    const results = { ...state.results };
    const executed: ExecutedAction[] = [];
    const errors: LumosError[] = [];
    const planOutput = (formulation === "onetime" ? state.subgoals[state.subgoals.length - 1] : state.subgoals.find((s) => s.index === grounding.subgoal))?.planOutput ?? "";
    for (const [position, item] of grounding.items.entries()) {
      const binding = { task: state.task, planOutput, isLastAction: position === grounding.items.length - 1, formulation };
      const outcome = await executeAction(item, { domain, tools: settings.tools, results, subgoal: grounding.subgoal, binding, signal: config.signal });
      executed.push(outcome.executed);
      Object.assign(results, outcome.stored);
      config.writer?.({ event: "action", ...outcome.executed });
      if (outcome.error) {
        errors.push(outcome.error);
        if (settings.onActionError === "stop") break;
      }
    }
    const newResults = Object.fromEntries(Object.entries(results).filter(([k, v]) => state.results[k] !== v));
    const update: LumosStateUpdate = { actions: executed, results: newResults, errors };

    if (errors.length > 0 && settings.onActionError === "stop") return { ...update, stopReason: "action_error", answer: null };
    const allActions = [...state.actions, ...executed];
    let stopReason: StopReason | null = null;
    if (formulation === "onetime") stopReason = "completed";
    else if (state.round >= settings.maxRounds) stopReason = "max_rounds";
    if (stopReason === null) return update;
    const done = await finish(settings, state, results, allActions, stopReason, config.signal);
    return { ...update, answer: done.answer, stopReason: done.stopReason, errors: [...errors, ...done.errors] };
  };
}
