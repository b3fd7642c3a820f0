/**
 * The remote solver against a fake LangGraph server: one thread per try, a server that is down or loses
 * the run is waited out and the task begun again on a new thread (the old one cleaned up once the server
 * answers), the graph's own errors are not retried, the retry window ends the wait, and an aborted task
 * cancels its run.
 */
import type { Client } from "@langchain/langgraph-sdk";
import { describe, expect, it } from "vitest";
import type { DatasetItem } from "../../src/datasets/types.js";
import { MAX_LOST_RUNS, remoteSolver } from "../../src/eval/remote/solver.js";
import { RemoteRunError, RemoteServerError } from "../../src/eval/remote/errors.js";

const item: DatasetItem = { id: "t1", question: "2 + 2?", gold: "4", source: null };
const final = { task: "2 + 2?", subgoals: [], actions: [], transcripts: [], errors: [], results: {}, round: 1, stopReason: "planner_stop", answer: "4" };
const refused = () => new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) });

type Join = () => Promise<{ values: unknown; status: string }>;

/** A server whose joins follow `joins` (then succeed), and that refuses connections while `down`. */
function fakeServer(joins: Join[] = []) {
  const server = {
    down: false,
    threads: new Set<string>(),
    created: 0,
    cancelled: [] as string[],
    requests: [] as unknown[],
    statuses: new Map<string, string>(),
  };
  const up = () => {
    if (server.down) throw refused();
  };
  const client = {
    threads: {
      create: async () => (up(), server.threads.add(`thread${++server.created}`), { thread_id: `thread${server.created}` }),
      delete: async (thread: string) => {
        up();
        if (!server.threads.delete(thread)) throw Object.assign(new Error("HTTP 404: gone"), { status: 404 });
      },
    },
    runs: {
      create: async (thread: string, assistant: string, payload: unknown) => (up(), server.requests.push({ thread, assistant, payload }), { run_id: `run-${thread}` }),
      join: async (thread: string, run: string, options: { signal: AbortSignal }) => {
        up();
        const next = joins.shift() ?? (async () => ({ values: final, status: "success" }));
        const outcome = await Promise.race([
          next(),
          new Promise<never>((_, reject) => options.signal.addEventListener("abort", () => reject(options.signal.reason), { once: true })),
        ]);
        server.statuses.set(run, outcome.status);
        return outcome.values;
      },
      get: async (_thread: string, run: string) => (up(), { status: server.statuses.get(run) }),
      cancel: async (_thread: string, run: string) => (up(), server.cancelled.push(run)),
    },
  };
  const solve = (retryWindowMs = 5_000) => remoteSolver({ client: client as unknown as Client, url: "http://fake", assistantId: "a1", context: { planner: "p", grounder: "g" }, retryWindowMs, retryDelayMs: 5 });
  return { server, solve };
}

const never = () => new AbortController().signal;

describe("remote solver", () => {
  it("runs the task with its context on a thread of its own, and deletes the thread", async () => {
    const { server, solve } = fakeServer();
    expect(await solve()({ ...item, environment: { db: "x" } }, never())).toEqual(final);
    expect(server.requests).toEqual([{ thread: "thread1", assistant: "a1", payload: expect.objectContaining({ input: { task: "2 + 2?", id: "t1", environment: { db: "x" } }, context: { planner: "p", grounder: "g" }, metadata: { lumos_eval_task: "t1" } }) }]);
    expect(server.threads.size).toBe(0);
  });

  it("begins a run the server dropped again on a new thread, and cleans the old one up once the server answers", async () => {
    const { server, solve } = fakeServer([
      async () => {
        // the server dies in the middle of the run, and comes back a little later
        server.down = true;
        setTimeout(() => (server.down = false), 60);
        throw new TypeError("terminated", { cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }) });
      },
      async () => ({ values: final, status: "interrupted" }),
    ]);
    expect(await solve()(item, never())).toEqual(final);
    expect(server.created).toBe(3);
    await new Promise((r) => setTimeout(r, 20));
    expect(server.threads.size).toBe(0);
    expect(server.cancelled).toEqual(expect.arrayContaining(["run-thread1", "run-thread2"]));
  });

  it("records the graph's own error without trying again", async () => {
    const { server, solve } = fakeServer([async () => ({ values: { __error__: { error: "Error", message: "a node raised" } }, status: "error" })]);
    await expect(solve()(item, never())).rejects.toThrow(new RemoteRunError("a node raised"));
    expect(server.created).toBe(1);
    expect(server.threads.size).toBe(0);
  });

  it("gives up on a server that stays down past the retry window, with an error naming it", async () => {
    const { server, solve } = fakeServer();
    server.down = true;
    const started = Date.now();
    await expect(solve(200)(item, never())).rejects.toThrow(/the LangGraph server at http:\/\/fake failed for \d+ s, past the retry window \(last: fetch failed \(connect ECONNREFUSED\)\)/);
    expect(Date.now() - started).toBeLessThan(1_000);
    await expect(solve(200)(item, never())).rejects.toBeInstanceOf(RemoteServerError);
  });

  it("gives up on a server that keeps losing the task's run", async () => {
    const { server, solve } = fakeServer(Array.from({ length: MAX_LOST_RUNS }, () => async () => ({ values: final, status: "interrupted" })));
    await expect(solve()(item, never())).rejects.toThrow(`lost this task's run ${MAX_LOST_RUNS} times`);
    expect(server.created).toBe(MAX_LOST_RUNS);
  });

  it("cancels the run when the task is aborted (its time limit)", async () => {
    const { server, solve } = fakeServer([() => new Promise(() => {})]);
    const signal = AbortSignal.timeout(50);
    await expect(solve()(item, signal)).rejects.toMatchObject({ name: "TimeoutError" });
    expect(server.cancelled).toEqual(["run-thread1"]);
    expect(server.threads.size).toBe(0);
  });
});
