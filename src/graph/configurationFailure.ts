/** A run that cannot start because its configuration is incomplete ends cleanly with the reason. */
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import type { LumosError } from "../core/records.js";
import { errorMessage } from "../errors/message.js";
import type { LumosSettings, SettingsResolver } from "./settings.js";
import type { LumosStateUpdate } from "./state.js";

export function configurationFailure(module: LumosError["module"], error: unknown): LumosStateUpdate {
  return {
    errors: [{ kind: "configuration_error", module, message: errorMessage(error) }],
    stopReason: "configuration_error",
  };
}

/** The run's settings for a node, or the update that ends the run with the configuration error. */
export async function settingsFor(
  resolve: SettingsResolver,
  config: LangGraphRunnableConfig,
  module: LumosError["module"],
): Promise<{ ok: true; settings: LumosSettings } | { ok: false; failure: LumosStateUpdate }> {
  try {
    return { ok: true, settings: await resolve(config) };
  } catch (error) {
    return { ok: false, failure: configurationFailure(module, error) };
  }
}
