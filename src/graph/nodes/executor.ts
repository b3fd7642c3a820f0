/**
 * Execution module: runs one batch (the latest grounding line) with the domain's tools, in order or, with
 * `parallel`, each action once its inputs exist (same records either way); keeps the R-variable table, hands
 * actions claimed by a tool node over to it, and decides whether planning goes on.
 * The answer once the run is over is the finish node's job.
 */
import { AIMessage } from "@langchain/core/messages";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import type { GroundedItem } from "../../actions/types.js";
import type { ExecutedAction, LumosError, StopReason } from "../../core/records.js";
import { allowsConcurrentActions } from "../actionDependencies.js";
import { runConcurrently } from "../concurrentActions.js";
import { executeAction, nextToolCallId, prepareAction, type ActionContext, type ActionOutcome } from "../executeAction.js";
import type { LumosSettings, SettingsResolver } from "../settings.js";
import { settingsFor } from "../configurationFailure.js";
import { nodeEnvironment } from "../taskEnvironment.js";
import type { LumosStateUpdate, LumosStateValue } from "../state.js";

/** The context of the action at `position` of the current batch. */
export function actionContext(settings: LumosSettings, state: LumosStateValue, results: Record<string, string>, position: number, environment: unknown, signal?: AbortSignal): ActionContext {
  const grounding = state.groundings[state.groundings.length - 1];
  const { domain, formulation } = settings;
  const planOutput = (formulation === "onetime" ? state.subgoals[state.subgoals.length - 1] : state.subgoals.find((s) => s.index === grounding.subgoal))?.planOutput ?? "";
  return {
    domain,
    tools: settings.tools,
    claimed: settings.claimed,
    results,
    subgoal: grounding.subgoal,
    binding: { task: state.task, planOutput, isLastAction: position === grounding.items.length - 1, subgoal: grounding.subgoal, formulation, environment },
    limits: settings.actionLimits,
    environment,
    signal,
  };
}

/**
 * Whether a failed action ends the run: under "stop", except in a replayed trajectory (Mind2Web), whose
 * episode the recording fixes (the reference's loop goes on whatever an action did).
 */
export function stopsOnActionError(settings: LumosSettings): boolean {
  return settings.onActionError === "stop" && !settings.domain.replay;
}

/**
 * Whether a failed action ends its batch: under "stop" (the run ends) and "replan" (the rest of the line
 * builds on what failed; the planner revises the subgoal instead).
 */
export function endsBatchOnActionError(settings: LumosSettings): boolean {
  return stopsOnActionError(settings) || (settings.onActionError === "replan" && !settings.domain.replay);
}

/**
 * Whether the run is over once a batch has run: a failed action under "stop", a one-pass plan, the last step of
 * a replayed trajectory, the round limit.
 */
export function stopAfterBatch(settings: LumosSettings, state: LumosStateValue, failed: boolean, environment?: unknown, batch: ExecutedAction[] = []): StopReason | null {
  if (failed && stopsOnActionError(settings)) return "action_error";
  if (settings.formulation === "onetime") return "completed";
  const replay = settings.domain.replay;
  if (replay) return state.round >= replay.rounds(environment) ? "completed" : null;
  const subgoal = state.subgoals[state.subgoals.length - 1];
  const ended = failed || !subgoal ? undefined : settings.domain.endAfterBatch?.({ subgoal, actions: [...state.actions, ...batch], results: state.results, environment });
  if (ended) return ended;
  if (state.round >= settings.maxRounds) return "max_rounds";
  return null;
}

/** The first position from `position` on whose action a tool node claims (those hand the batch over), else the line's end. */
function nextClaimed(items: GroundedItem[], position: number, settings: LumosSettings): number {
  const claimed = items.findIndex((item, at) => at >= position && item.ok && settings.claimed.has(item.action.tool));
  return claimed < 0 ? items.length : claimed;
}

export function makeExecutorNode(resolve: SettingsResolver) {
  return async function executor(state: LumosStateValue, config: LangGraphRunnableConfig): Promise<LumosStateUpdate> {
    const resolved = await settingsFor(resolve, config, "executor");
    if (!resolved.ok) return resolved.failure;
    const settings = resolved.settings;
    const batch = state.groundings.length - 1;
    const grounding = state.groundings[batch];
    if (!grounding) return { stopReason: "nothing_to_do" };
    const environment = await nodeEnvironment(settings.domain, state, config, "executor");
    if (!environment.ok) return environment.failure;

    const results = { ...state.results };
    const executed: ExecutedAction[] = [];
    const errors: LumosError[] = [];
    const endsBatch = (outcome: ActionOutcome) => outcome.error !== undefined && endsBatchOnActionError(settings);
    let failed = false;
    const record = (outcome: ActionOutcome): boolean => {
      executed.push(outcome.executed);
      Object.assign(results, outcome.stored);
      config.writer?.({ event: "action", ...outcome.executed });
      // a notice is recorded with the errors but is no failure: the batch goes on
      if (outcome.notice) errors.push(outcome.notice);
      if (outcome.error) errors.push(outcome.error);
      failed ||= outcome.error !== undefined;
      return endsBatch(outcome);
    };
    const changed = () => Object.fromEntries(Object.entries(results).filter(([k, v]) => state.results[k] !== v));
    // after a tool node answered, the batch continues where it left off (a failure under "stop" or "replan" ended it there)
    const start = state.cursor?.grounding === batch ? state.cursor.position : 0;

    const replayedAt = (position: number) => settings.domain.replay?.afterAction?.(environment.acquired?.value, grounding.subgoal, grounding.items[position]);
    const concurrent = settings.parallel && allowsConcurrentActions(settings.domain);
    let stopped = false;
    for (let position = start; !stopped && position < grounding.items.length; position++) {
      // parallel: the actions up to the next one a tool node claims run as soon as their inputs exist
      const end = concurrent ? nextClaimed(grounding.items, position, settings) : position;
      if (end - position > 1) {
        stopped = await runConcurrently(
          {
            items: grounding.items,
            from: position,
            to: end,
            base: { ...results },
            literal: settings.domain.literalArguments,
            endsBatch,
            signal: config.signal,
            contextFor: (at, table, signal) => actionContext(settings, state, table, at, environment.acquired?.value, signal),
          },
          (at, outcome) => {
            record(outcome);
            replayedAt(at);
          },
        );
        position = end - 1;
        continue;
      }
      const context = actionContext(settings, state, results, position, environment.acquired?.value, config.signal);
      const prepared = prepareAction(grounding.items[position], context);
      const replayed = () => replayedAt(position);
      if (prepared.kind === "tool" && prepared.node) {
        replayed();
        // hand the action to its tool node; the toolResult node completes it and the executor continues
        const id = nextToolCallId();
        const call = new AIMessage({ content: "", tool_calls: [{ id, name: prepared.tool.name, args: prepared.input, type: "tool_call" }] });
        return {
          ...environment.update,
          actions: executed,
          results: changed(),
          errors,
          messages: [call],
          cursor: null,
          pendingCall: { id, node: prepared.node, grounding: batch, position, boundArgs: prepared.boundArgs, startedAt: Date.now() },
        };
      }
      stopped = record(prepared.kind === "failed" ? prepared.outcome : await executeAction(grounding.items[position], context));
      replayed();
    }
    const stopReason = stopAfterBatch(settings, state, failed, environment.acquired?.value, executed);
    // only the fields that change: LangGraph validates and writes every key of an update
    return {
      ...environment.update,
      actions: executed,
      results: changed(),
      ...(errors.length > 0 ? { errors } : {}),
      ...(state.cursor === null ? {} : { cursor: null }),
      ...(stopReason === null ? {} : { stopReason }),
    };
  };
}
