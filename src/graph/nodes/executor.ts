/**
 * Execution module: runs the latest grounded actions in order with the domain's tools, keeps the R-variable
 * table, and once planning is over (planner stop, one-pass plan done, round limit) derives the answer.
 */
import { interrupt, type LangGraphRunnableConfig } from "@langchain/langgraph";
import { parseGroundingLine } from "../../actions/parse.js";
import { readDecision, type ReviewRequest } from "../review.js";
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
    let grounding = state.groundings[state.groundings.length - 1];
    if (!grounding) return { stopReason: "nothing_to_do" };
    const reviewed: LumosStateUpdate = {};
    if (settings.review) {
      // re-run from here on resume: nothing before this line has side effects
      const subgoalText = state.subgoals.find((s) => s.index === grounding.subgoal)?.text ?? state.subgoals.map((s) => s.text).join("; ");
      const request: ReviewRequest = {
        kind: "review_actions",
        subgoal: grounding.subgoal,
        subgoalText,
        line: grounding.line,
        actions: grounding.items.map((i) => (i.ok ? i.action.text : i.text)),
      };
      const decision = readDecision(interrupt(request));
      if (decision.action === "reject") {
        return { stopReason: "rejected", answer: null, errors: [{ kind: "rejected", module: "executor", message: decision.reason ?? "the reviewer rejected the actions", input: grounding.line }] };
      }
      if (decision.action === "edit") {
        // the grounder's conversation carries the reviewed line, so later turns build on what actually ran
        grounding = { subgoal: grounding.subgoal, line: decision.line.trim(), items: parseGroundingLine(decision.line) };
        reviewed.groundings = [grounding];
        reviewed.groundTurns = [...state.groundTurns.slice(0, -1), { role: "assistant", content: grounding.line }];
      }
    }

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
    const update: LumosStateUpdate = { ...reviewed, actions: executed, results: newResults, errors };

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
