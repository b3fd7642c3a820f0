/**
 * `lumos eval --remote`: the runner's tasks run on a LangGraph server instead of a graph built here. The
 * server and assistant are checked once, the run context is built and validated once, and every task then
 * goes through the remote solver. Records, retries, the per-task timeout, `--resume` and the reports stay
 * the runner's, so they are the same as a local run's.
 */
import type { Formulation } from "../../core/records.js";
import type { DatasetItem } from "../../datasets/types.js";
import type { LumosStateValue } from "../../graph/state.js";
import { remoteRunContext, type RemoteContextParts } from "./context.js";
import { checkRemoteUrl, remoteClient, resolveAssistant, type ResolvedAssistant } from "./server.js";
import { remoteSolver } from "./solver.js";

export interface RemoteOptions {
  /** The server's base URL: `npm run studio` serves http://127.0.0.1:2024; a deployment has its own. */
  url: string;
  /** An assistant id, or a graph id for that graph's default assistant (default lumos_iterative / lumos_onetime). */
  assistant?: string;
  /** Sent as x-api-key (LangGraph Platform); none when undefined. */
  apiKey?: string;
  /** How long a task waits out an unreachable or failing server before it is recorded as an error (default 300 s). */
  retryWindowMs?: number;
  /** First pause between tries of a task (default 500 ms, doubled up to 5 s). */
  retryDelayMs?: number;
}

export interface RemoteEvaluation {
  solve: (item: DatasetItem, signal: AbortSignal) => Promise<LumosStateValue>;
  url: string;
  assistant: ResolvedAssistant;
}

/** The formulation's graph in langgraph.json, the assistant used unless one is named. */
export function defaultAssistant(formulation: Formulation): string {
  return `lumos_${formulation}`;
}

/** Checks URL, context, server and assistant (ConfigurationError or RemoteServerError), then the solver. */
export async function openRemoteEvaluation(remote: RemoteOptions, parts: RemoteContextParts): Promise<RemoteEvaluation> {
  const url = checkRemoteUrl(remote.url);
  const context = remoteRunContext(parts);
  const client = remoteClient(url, remote.apiKey);
  const assistant = await resolveAssistant(client, url, remote.assistant ?? defaultAssistant(parts.formulation));
  const solve = remoteSolver({ client, url, assistantId: assistant.assistantId, context, retryWindowMs: remote.retryWindowMs, retryDelayMs: remote.retryDelayMs });
  return { solve, url, assistant };
}
