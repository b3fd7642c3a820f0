/** A run that cannot start because its configuration is incomplete ends cleanly with the reason. */
import type { LumosStateUpdate } from "./state.js";

export function configurationFailure(module: "planner" | "grounder" | "executor", error: unknown): LumosStateUpdate {
  return {
    errors: [{ kind: "configuration_error", module, message: (error as Error).message ?? String(error) }],
    stopReason: "configuration_error",
  };
}
