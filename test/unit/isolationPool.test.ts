/**
 * The isolated worker pool: time, heap and result limits end a job with a typed error and a fresh worker,
 * never the process; other jobs and the host's event loop keep going. Assertions are about outcomes and
 * ordering, never about how long anything took.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MathError } from "../../src/math/errors.js";
import {
  createInProcessRunner,
  createIsolatedPool,
  IsolationError,
  toolErrorKind,
  ToolResourceError,
  ToolTimeoutError,
  type IsolatedPool,
} from "../../src/isolation/index.js";
import { workerLaunch } from "../../src/isolation/workerLaunch.js";
import { failure } from "../helpers/failure.js";
import { toolFailure, type ActionContext } from "../../src/graph/executeAction.js";

const FIXTURE = new URL("./fixtures/hostileJobs.ts", import.meta.url);
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

let pool: IsolatedPool;

beforeAll(async () => {
  // every job in a worker: these tests are about the workers (the inline path has its own tests below)
  pool = createIsolatedPool({ size: 2, jobModules: [FIXTURE], timeoutMs: 20_000, maxHeapMb: 64, maxResultBytes: 1024, inlinePlainArithmetic: false });
  await pool.warmUp();
}, 120_000);

afterAll(async () => {
  await pool?.close();
});


describe("isolated pool", () => {
  it("runs built-in and added jobs and returns their values", async () => {
    expect(await pool.run("test.echo", { a: [1, "b"] })).toEqual({ a: [1, "b"] });
    expect(await pool.run("maths.calculate", { formula: "0.1 + 0.2" })).toBe("0.3");
    expect(await pool.run("maths.solveEquations", { equation: "x + y = 10, x - y = 2" })).toEqual({ unknowns: ["x", "y"], values: ["6", "4"] });
  });

  it("gives a job's own error back with its class and message", async () => {
    const math = await failure(pool.run("maths.calculate", { formula: "2 +" }));
    expect(math).toBeInstanceOf(MathError);
    expect(math.message).toMatch(/cannot parse "2 \+"/);
    const other = await failure(pool.run("test.throw", { message: "no such thing" }));
    expect(other.name).toBe("RangeError");
    expect(other.message).toBe("no such thing");
    expect(toolErrorKind(other)).toBe("tool_error");
    expect((await failure(pool.run("no.such.job"))).message).toMatch(/unknown job "no.such.job"/);
  });

  it("stops a job over its time limit with ToolTimeoutError and replaces the worker", async () => {
    const before = pool.stats().replaced;
    const error = await failure(pool.run("test.spin", {}, { timeoutMs: 300 }));
    expect(error).toBeInstanceOf(ToolTimeoutError);
    expect(error).toMatchObject({ job: "test.spin", timeoutMs: 300, failure: "timeout" });
    expect(error.message).toMatch(/exceeded its time limit of 300 ms/);
    expect(toolErrorKind(error)).toBe("tool_timeout");
    expect(pool.stats().replaced).toBe(before + 1);
    expect(await pool.run("test.echo", "after")).toBe("after");
  }, 120_000);

  it("stops a job over the heap limit with ToolResourceError; the process survives", async () => {
    const error = await failure(pool.run("test.allocate"));
    expect(error).toBeInstanceOf(ToolResourceError);
    expect(error).toMatchObject({ job: "test.allocate", failure: "memory" });
    expect(error.message).toMatch(/memory limit of 64 MB/);
    expect(toolErrorKind(error)).toBe("tool_error");
    expect(await pool.run("maths.calculate", { formula: "6 * 7" })).toBe("42");
  }, 120_000);

  it("fails the job of a worker that exits, and carries on", async () => {
    const error = await failure(pool.run("test.exit"));
    expect(error).toBeInstanceOf(ToolResourceError);
    expect(error).toMatchObject({ failure: "crashed" });
    expect(await pool.run("test.echo", "still here")).toBe("still here");
  }, 120_000);

  it("fails a waiting job with a retryable startup error when a worker cannot start, and records it so", async () => {
    const broken = createIsolatedPool({ size: 1, jobModules: [new URL("./fixtures/brokenJobs.ts", import.meta.url)] });
    try {
      const error = await failure(broken.run("test.echo", 1));
      expect(error).toBeInstanceOf(IsolationError);
      expect(error).toMatchObject({ failure: "startup", retryable: true });
      expect(error.message).toMatch(/cannot start an isolated worker/);
      const outcome = toolFailure({ text: "R1 = Calculator(1)", outputs: ["R1"], tool: "Calculator", args: "1" }, error, "1", { subgoal: 1 } as ActionContext, 0);
      expect(outcome.error).toMatchObject({ kind: "tool_error", retryable: true });
    } finally {
      await broken.close();
    }
    // a job's own failure is not worth another try
    expect((await failure(pool.run("test.exit"))) as IsolationError).toMatchObject({ retryable: false });
  }, 120_000);

  it("refuses a result over the size cap instead of truncating it", async () => {
    const error = await failure(pool.run("test.big", { length: 5000 }));
    expect(error).toBeInstanceOf(ToolResourceError);
    expect(error).toMatchObject({ failure: "result_size" });
    expect(error.message).toMatch(/result of 5,002 bytes, over the limit of 1,024 bytes/);
    expect(await pool.run("test.big", { length: 100 })).toBe("x".repeat(100));
  });

  it("aborts a running job and a queued one with the signal's reason", async () => {
    const running = new AbortController();
    const spinning = pool.run("test.spin", {}, { signal: running.signal });
    running.abort();
    expect((await failure(spinning)).name).toBe("AbortError");
    const already = new AbortController();
    already.abort();
    expect((await failure(pool.run("test.echo", 1, { signal: already.signal }))).name).toBe("AbortError");
    // fill both workers, queue a third job, abort it while it waits
    await pool.warmUp();
    const busy = [pool.run("test.busy", { ms: 500 }), pool.run("test.busy", { ms: 500 })];
    const waiting = new AbortController();
    const queued = pool.run("test.echo", "never", { signal: waiting.signal });
    expect(pool.stats()).toMatchObject({ busy: 2, queued: 1 });
    waiting.abort();
    expect(pool.stats().queued).toBe(0);
    expect((await failure(queued)).name).toBe("AbortError");
    expect(await Promise.all(busy)).toEqual(["done", "done"]);
    expect(await pool.run("test.echo", "fine")).toBe("fine");
  }, 120_000);

  it("completes a healthy job while a hostile CPU-bound job runs in another worker", async () => {
    await pool.warmUp();
    const events: string[] = [];
    const stop = new AbortController();
    const hostile = pool.run("test.spin", {}, { signal: stop.signal }).catch(() => events.push("hostile ended"));
    const healthy = pool.run("maths.calculate", { formula: "1/3 + 1/3" }).then((v) => events.push(`healthy ${v}`));
    expect(pool.stats().busy).toBe(2);
    await healthy;
    // the host's event loop is free while the hostile job still spins
    await new Promise((resolve) => setTimeout(resolve, 5));
    events.push("host timer");
    stop.abort();
    await hostile;
    expect(events).toEqual(["healthy 2/3", "host timer", "hostile ended"]);
  }, 120_000);

  it("rejects jobs after close", async () => {
    const closing = createIsolatedPool({ size: 1 });
    await closing.close();
    const error = await failure(closing.run("maths.calculate", { formula: "1" }));
    expect(error).toBeInstanceOf(IsolationError);
    expect(error).toMatchObject({ failure: "closed" });
  });

  it("runs the same jobs in-process for trusted input and measurements", async () => {
    const runner = createInProcessRunner({ maxResultBytes: 10 });
    expect(await runner.run("maths.calculate", { formula: "0.1 + 0.2" })).toBe("0.3");
    expect(await failure(runner.run("maths.calculate", { formula: "123456789 * 1000" }))).toBeInstanceOf(ToolResourceError);
  });
});

describe("worker entry", () => {
  it("starts compiled JavaScript as it is, and TypeScript sources through their fresh dist/ twin or tsx", () => {
    const compiled = workerLaunch("file:///app/dist/src/isolation/workerLaunch.js");
    expect(compiled.mode).toBe("compiled");
    expect(compiled.url.href).toBe("file:///app/dist/src/isolation/worker.js");
    const here = new URL("../../src/isolation/workerLaunch.ts", import.meta.url).href;
    const withTypeScriptJobs = workerLaunch(here, { typescriptJobs: true });
    expect(withTypeScriptJobs.mode).toBe("tsx");
    expect(withTypeScriptJobs.url.protocol).toBe("data:");
    expect(withTypeScriptJobs.data.entry).toMatch(/src\/isolation\/worker\.ts$/);
    const sources = workerLaunch(here);
    expect(["dist", "tsx"]).toContain(sources.mode);
    if (sources.mode === "dist") expect(sources.url.href).toMatch(/\/dist\/src\/isolation\/worker\.js$/);
  });

  it.skipIf(!existsSync(new URL("../../dist/src/isolation/index.js", import.meta.url)))(
    "runs from the compiled dist/ with plain node, and never keeps the process alive (the script never closes the pool)",
    () => {
      const script = [
        `import { getDefaultPool } from ${JSON.stringify(new URL("../../dist/src/isolation/index.js", import.meta.url).href)};`,
        `console.log(await getDefaultPool().run("maths.calculate", { formula: "max(100,200)" }));`,
      ].join("\n");
      const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8", timeout: 90_000, env: { ...process.env, NODE_OPTIONS: "" } });
      expect(child.signal).toBeNull(); // not killed by the timeout: it exited by itself
      expect(child.stderr).toBe("");
      expect(child.stdout.trim()).toBe("200");
      expect(child.status).toBe(0);
    },
    120_000,
  );
});
