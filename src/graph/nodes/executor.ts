/**
 * Execution module: runs the latest grounded actions in order with the domain's tools, keeps the R-variable
 * table, and once planning is over (planner stop, one-pass plan done, round limit) derives the answer.
 */
import { interrupt, type LangGraphRunnableConfig } from "@langchain/langgraph";
import { parseGroundingLine } from "../../actions/parse.js";
import { readDecision, type ReviewRequest } from "../review.js";
import type { LumosError } from "../../actions/types.js";
import { AIMessage, ToolMessage } from "@langchain/core/messages";
import { completeAction, executeAction, failedAction, nextToolCallId, prepareAction, toolFailure, valuesOf, type ActionContext, type ActionOutcome } from "../executeAction.js";
import { textOf } from "../../models/text.js";
import type { ExecutedAction, Grounding, StopReason } from "../records.js";
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

  /** Pauses for the reviewer; returns the batch to run (maybe edited), or the update that ends the run. */
  function review(state: LumosStateValue, grounding: Grounding): { grounding: Grounding; update: LumosStateUpdate; rejected?: LumosStateUpdate } {
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
      const message = decision.reason ?? "the reviewer rejected the actions";
      return { grounding, update: {}, rejected: { stopReason: "rejected", answer: null, errors: [{ kind: "rejected", module: "executor", message, input: grounding.line }] } };
    }
    if (decision.action === "approve") return { grounding, update: {} };
    // the grounder's conversation carries the reviewed line, so later turns build on what actually ran
    const edited = { subgoal: grounding.subgoal, line: decision.line.trim(), items: parseGroundingLine(decision.line) };
    return { grounding: edited, update: { groundings: [edited], groundTurns: [...state.groundTurns.slice(0, -1), { role: "assistant", content: edited.line }] } };
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
    let batch = state.groundings.length - 1;
    let grounding = state.groundings[batch];
    if (!grounding) return { stopReason: "nothing_to_do" };

    const results = { ...state.results };
    const executed: ExecutedAction[] = [];
    const errors: LumosError[] = [];
    let update: LumosStateUpdate = {};
    const planOutput = (formulation === "onetime" ? state.subgoals[state.subgoals.length - 1] : state.subgoals.find((s) => s.index === grounding.subgoal))?.planOutput ?? "";
    const contextFor = (position: number): ActionContext => ({
      domain,
      tools: settings.tools,
      claimed: settings.claimed,
      results,
      subgoal: grounding.subgoal,
      binding: { task: state.task, planOutput, isLastAction: position === grounding.items.length - 1, formulation },
      signal: config.signal,
    });
    const record = (outcome: ActionOutcome): boolean => {
      executed.push(outcome.executed);
      Object.assign(results, outcome.stored);
      config.writer?.({ event: "action", ...outcome.executed });
      if (outcome.error) errors.push(outcome.error);
      return outcome.error !== undefined && settings.onActionError === "stop";
    };

    let start = 0;
    let stopped = false;
    const pending = state.pendingCall;
    if (pending && pending.grounding === batch) {
      // back from a tool node: its ToolMessage completes the action it was given
      const item = grounding.items[pending.position];
      const reply = state.messages.find((m) => ToolMessage.isInstance(m) && m.tool_call_id === pending.id) as ToolMessage | undefined;
      const ms = Math.round(Date.now() - pending.startedAt);
      const context = contextFor(pending.position);
      const outcome = !item?.ok
        ? failedAction(item ?? { ok: false, text: "", error: "missing" }, context, "tool_error", "the pending action is gone", ms)
        : !reply
          ? failedAction(item, context, "tool_error", `tool node ${pending.node} returned no ToolMessage for ${item.action.tool}`, ms)
          : reply.status === "error"
            ? toolFailure(item.action, new Error(textOf(reply)), pending.boundArgs, context, ms)
            : completeAction(item.action, valuesOf(reply), pending.boundArgs, context, ms);
      stopped = record(outcome);
      start = pending.position + 1;
      update.pendingCall = null;
    } else if (settings.review) {
      // re-run from here on resume: nothing before this line has side effects
      const reviewed = review(state, grounding);
      if (reviewed.rejected) return reviewed.rejected;
      if (reviewed.grounding !== grounding) batch += 1;
      grounding = reviewed.grounding;
      update = reviewed.update;
    }

    for (let position = start; !stopped && position < grounding.items.length; position++) {
      const context = contextFor(position);
      const prepared = prepareAction(grounding.items[position], context);
      if (prepared.kind === "tool" && prepared.node) {
        // hand the action to its tool node; the executor continues the batch when the node answers
        const id = nextToolCallId();
        const call = new AIMessage({ content: "", tool_calls: [{ id, name: prepared.tool.name, args: prepared.input, type: "tool_call" }] });
        const newResults = Object.fromEntries(Object.entries(results).filter(([k, v]) => state.results[k] !== v));
        return {
          ...update,
          actions: executed,
          results: newResults,
          errors,
          messages: [call],
          pendingCall: { id, node: prepared.node, grounding: batch, position, boundArgs: prepared.boundArgs, startedAt: Date.now() },
        };
      }
      stopped = record(prepared.kind === "failed" ? prepared.outcome : await executeAction(grounding.items[position], context));
    }

    const newResults = Object.fromEntries(Object.entries(results).filter(([k, v]) => state.results[k] !== v));
    update = { ...update, actions: executed, results: newResults, errors };
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
