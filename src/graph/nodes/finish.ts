/**
 * The last node of every run ("finish"): once planning is over (the planner stopped, a one-pass plan ran, the round
 * limit was reached) it derives the answer with the domain's rule; on any other end it leaves the answer
 * empty. Either way it releases the task's environment.
 */
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import type { StopReason } from "../../core/records.js";
import { errorMessage } from "../../errors/message.js";
import { releaseEnvironment } from "../environments.js";
import type { SettingsResolver } from "../settings.js";
import { nodeEnvironment } from "../taskEnvironment.js";
import { settingsFor } from "../configurationFailure.js";
import type { LumosStateUpdate, LumosStateValue } from "../state.js";

/** Ends after which the domain's answer rule applies. */
const ANSWERED: ReadonlySet<StopReason> = new Set(["planner_stop", "completed", "max_rounds"]);

export function makeFinishNode(resolve: SettingsResolver) {
  return async function answer(state: LumosStateValue, config: LangGraphRunnableConfig): Promise<LumosStateUpdate> {
    const opened: (string | null)[] = [state.environmentId];
    try {
      if (state.stopReason === null || !ANSWERED.has(state.stopReason)) return {};
      const resolved = await settingsFor(resolve, config, "finish");
      if (!resolved.ok) return resolved.failure;
      const settings = resolved.settings;
      const environment = await nodeEnvironment(settings.domain, state, config, "finish");
      if (!environment.ok) return environment.failure;
      opened.push(environment.acquired?.id ?? null);
      try {
        const value = await settings.domain.finalAnswer({
          task: state.task,
          subgoals: state.subgoals,
          actions: state.actions,
          results: state.results,
          formulation: settings.formulation,
          signal: config.signal,
          environment: environment.acquired?.value,
        });
        return { answer: value };
      } catch (error) {
        if (config.signal?.aborted) throw error;
        return { answer: null, stopReason: "action_error", errors: [{ kind: "tool_error", module: "finish", message: `final answer failed: ${errorMessage(error)}` }] };
      }
    } finally {
      for (const id of opened) await releaseEnvironment(id);
    }
  };
}
