/** `lumos eval --remote URL [--assistant ID] [--remote-retry-s S]`: where the tasks run, checked before any work. */
import type { LumosEnvironment } from "../config.js";
import { ConfigurationError } from "../core/errors.js";
import type { RemoteOptions } from "../eval/remote/evaluation.js";
import { checkRemoteUrl } from "../eval/remote/server.js";
import { DEFAULT_RETRY_WINDOW_MS } from "../eval/remote/solver.js";
import { positiveInteger, stringFlag } from "./options.js";
import { UsageError } from "./usageError.js";

export const REMOTE_FLAGS = {
  remote: { type: "string" },
  assistant: { type: "string" },
  "remote-retry-s": { type: "string" },
} as const;

/** The remote options of the flags, or undefined for a local run; the API key comes from the environment. */
export function remoteFromFlags(flags: Record<string, unknown>, env: LumosEnvironment): RemoteOptions | undefined {
  const url = stringFlag(flags, "remote");
  const assistant = stringFlag(flags, "assistant");
  const retry = stringFlag(flags, "remote-retry-s");
  if (url === undefined) {
    if (assistant !== undefined) throw new UsageError("--assistant goes with --remote URL (the LangGraph server the assistant is deployed on)");
    if (retry !== undefined) throw new UsageError("--remote-retry-s goes with --remote URL");
    return undefined;
  }
  if (assistant !== undefined && assistant.trim() === "") throw new UsageError("--assistant expects an assistant id or a graph id (e.g. lumos_iterative)");
  try {
    checkRemoteUrl(url);
  } catch (error) {
    if (error instanceof ConfigurationError) throw new UsageError(error.message);
    throw error;
  }
  const retryWindowMs = positiveInteger(retry, "--remote-retry-s", DEFAULT_RETRY_WINDOW_MS / 1000) * 1000;
  return { url, assistant, apiKey: env.remoteApiKey, retryWindowMs };
}
