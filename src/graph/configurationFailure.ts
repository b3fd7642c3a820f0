/** A run that cannot start because its configuration is incomplete ends cleanly with the reason. */
import type { LumosError } from "../core/records.js";
import { errorMessage } from "../errors/message.js";
import type { LumosStateUpdate } from "./state.js";

export function configurationFailure(module: LumosError["module"], error: unknown): LumosStateUpdate {
  return {
    errors: [{ kind: "configuration_error", module, message: errorMessage(error) }],
    stopReason: "configuration_error",
  };
}
