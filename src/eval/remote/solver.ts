/**
 * The runner's `solve` for a LangGraph server: each task is one run of the assistant on a thread of its own
 * (created, joined, checked, deleted), with the task as input and the evaluation's models and options as the
 * run's context. The final state comes back as the runner's record would have it locally.
 *
 * A server that is down, restarting, overloaded or that lost the run is waited for: the task starts again
 * on a new thread (a Lumos task is self-contained, so a run begun again gives the same record), with
 * backoff, for as long as the retry window lasts; after that the task is recorded with an error that
 * `--resume --retry-errors` runs again. A run the server abandoned is cancelled and its thread deleted
 * when the server answers again. An aborted task (the per-task timeout) cancels its run.
 */
import type { Client } from "@langchain/langgraph-sdk";
import type { DatasetItem } from "../../datasets/types.js";
import type { LumosContext } from "../../graph/context.js";
import type { LumosStateValue } from "../../graph/state.js";
import { describeRemoteError, httpStatus, isTransientRemoteError, LostRunError, RemoteRunError, RemoteServerError } from "./errors.js";
import { stateFromValues } from "./state.js";

/** How long a task keeps trying a server that is unreachable or failing, by default. */
export const DEFAULT_RETRY_WINDOW_MS = 300_000;
/** Runs of one task the server may lose (cancelled, stopped, restarted) before the task is recorded as failed. */
export const MAX_LOST_RUNS = 5;
const MAX_DELAY_MS = 5_000;
const CLEANUP_TIMEOUT_MS = 5_000;

export interface RemoteSolverOptions {
  client: Client;
  /** The server's URL, for messages. */
  url: string;
  assistantId: string;
  context: LumosContext;
  /** How long a task waits out an unreachable or failing server, from its first failed try (default 300 s). */
  retryWindowMs?: number;
  /** First pause between tries, doubled after each up to 5 s (default 500 ms). */
  retryDelayMs?: number;
}

interface Attempt {
  thread?: string;
  run?: string;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const done = () => (clearTimeout(timer), signal.removeEventListener("abort", aborted));
    const aborted = () => (done(), reject(signal.reason));
    const timer = setTimeout(() => (done(), resolve()), ms);
    signal.addEventListener("abort", aborted, { once: true });
  });
}

export function remoteSolver(options: RemoteSolverOptions): (item: DatasetItem, signal: AbortSignal) => Promise<LumosStateValue> {
  const { client, assistantId, context } = options;
  const windowMs = options.retryWindowMs ?? DEFAULT_RETRY_WINDOW_MS;
  const firstDelayMs = options.retryDelayMs ?? 500;

  /** Cancels the attempt's run and deletes its thread; true when the server confirmed (or had nothing). */
  async function release(attempt: Attempt): Promise<boolean> {
    if (!attempt.thread) return true;
    const signal = AbortSignal.timeout(CLEANUP_TIMEOUT_MS);
    // a refusal (a finished run cannot be cancelled, a thread already gone) leaves nothing to clean up
    const refused = (error: unknown) => {
      const status = httpStatus(error);
      if (status === undefined || status >= 500 || status === 429) throw error;
    };
    try {
      if (attempt.run) await client.runs.cancel(attempt.thread, attempt.run, false, "interrupt", { signal }).catch(refused);
      await client.threads.delete(attempt.thread, { signal }).catch(refused);
      return true;
    } catch {
      return false;
    }
  }

  async function runOnce(item: DatasetItem, signal: AbortSignal, attempt: Attempt): Promise<LumosStateValue> {
    const input = { task: item.question, id: item.id, ...(item.environment === undefined ? {} : { environment: item.environment }) };
    const metadata = { lumos_eval_task: item.id };
    attempt.thread = (await client.threads.create({ metadata, signal })).thread_id;
    attempt.run = (await client.runs.create(attempt.thread, assistantId, { input, context, metadata, signal })).run_id;
    const values = await client.runs.join(attempt.thread, attempt.run, { signal, cancelOnDisconnect: true });
    const { status } = await client.runs.get(attempt.thread, attempt.run, { signal });
    if (status === "success") return stateFromValues(values);
    if (status === "error") {
      stateFromValues(values); // throws the graph's own error when the server kept it
      throw new RemoteRunError("the run failed on the server");
    }
    // cancelled, timed out on the server, or still "running" on a server that restarted under it
    throw new LostRunError(`the run ended with status "${status}" on the server`);
  }

  return async function solve(item, signal) {
    const abandoned: Attempt[] = [];
    const cleanUp = () => Promise.all(abandoned.splice(0).map(async (a) => (await release(a)) || abandoned.push(a)));
    let outageSince: number | undefined;
    let lostRuns = 0;
    let delayMs = firstDelayMs;
    for (;;) {
      const attempt: Attempt = {};
      try {
        // each try follows a pause: what the server abandoned goes now, without holding up the task
        if (abandoned.length > 0) void cleanUp();
        const state = await runOnce(item, signal, attempt);
        await release(attempt);
        return state;
      } catch (error) {
        const transient = !signal.aborted && isTransientRemoteError(error);
        if (!transient) {
          await release(attempt);
          void cleanUp();
          throw signal.aborted ? (signal.reason ?? error) : error;
        }
        if (attempt.thread) abandoned.push(attempt);
        // an attempt that reached its run ends an outage; a run the server keeps losing counts on its own
        if (attempt.run) {
          outageSince = undefined;
          delayMs = firstDelayMs;
          if (++lostRuns >= MAX_LOST_RUNS) throw new RemoteServerError(`the LangGraph server at ${options.url} lost this task's run ${lostRuns} times (last: ${describeRemoteError(error)})`);
        }
        outageSince ??= Date.now();
        const waited = Date.now() - outageSince;
        if (waited >= windowMs) {
          throw new RemoteServerError(`the LangGraph server at ${options.url} failed for ${Math.round(waited / 1000)} s, past the retry window (last: ${describeRemoteError(error)})`);
        }
        // jitter spreads the tasks that failed together over the pause; the last try comes at the window's end
        await sleep(Math.min(delayMs * (0.5 + Math.random() / 2), windowMs - waited), signal);
        delayMs = Math.min(delayMs * 2, MAX_DELAY_MS);
      }
    }
  };
}
