/**
 * Plain arithmetic runs in the calling thread, everything else in a worker: the same values and the same
 * errors (class and message) either way, the pool's result cap and abort rules on both paths, and nothing
 * that names a function, a symbol or a power ever skips the worker.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIsolatedPool, ToolResourceError, type IsolatedPool } from "../../src/isolation/index.js";
import { MAX_INLINE_LENGTH, runsInline } from "../../src/isolation/inlineJobs.js";
import { failure } from "../helpers/failure.js";

let inline: IsolatedPool;
let workers: IsolatedPool;

beforeAll(() => {
  inline = createIsolatedPool({ size: 1 });
  workers = createIsolatedPool({ size: 1, inlinePlainArithmetic: false });
});

afterAll(async () => {
  await Promise.all([inline?.close(), workers?.close()]);
});

/** A job's outcome as a comparable value: its value, or its error's class and message. */
async function outcome(pool: IsolatedPool, job: string, input: unknown): Promise<unknown> {
  try {
    return { value: await pool.run(job, input) };
  } catch (error) {
    return { error: (error as Error).constructor.name, name: (error as Error).name, message: (error as Error).message };
  }
}

describe("which jobs run inline", () => {
  it("takes plain arithmetic of the calculator and Define, up to the length limit", () => {
    for (const formula of ["16-3-4", "3 * 2", "(5+3)*12/4", "$1,200 + 15%", "0.3333333333333333*12", "-(-2)", "1/0", "2 +", "((1"]) {
      expect(runsInline("maths.calculate", { formula }), formula).toBe(true);
    }
    expect(runsInline("maths.define", { value: "2.50" })).toBe(true);
    expect(runsInline("maths.calculate", { formula: "1".repeat(MAX_INLINE_LENGTH) })).toBe(true);
  });

  it("sends names, powers, long formulas, other inputs and other jobs to a worker", () => {
    const toWorker: [string, unknown][] = [
      ["maths.calculate", { formula: "2**3" }],
      ["maths.calculate", { formula: "2^3" }],
      ["maths.calculate", { formula: "9!" }],
      ["maths.calculate", { formula: "x + 1" }],
      ["maths.calculate", { formula: "max(1,2)" }],
      ["maths.calculate", { formula: "1:1000" }],
      ["maths.calculate", { formula: "[1,2]" }],
      ["maths.calculate", { formula: "1e999" }],
      ["maths.calculate", { formula: "2 = 2" }],
      ["maths.calculate", { formula: "1".repeat(MAX_INLINE_LENGTH + 1) }],
      ["maths.calculate", { formula: "" }],
      ["maths.calculate", { formula: 12 }],
      ["maths.calculate", "1+1"],
      ["maths.calculate", null],
      ["maths.define", { formula: "1+1" }],
      ["maths.evaluate", { formula: "1+1" }],
      ["maths.solveEquations", { equation: "1+1" }],
      ["sandbox.run", { source: "1+1" }],
      ["toString", { formula: "1" }],
    ];
    for (const [job, input] of toWorker) expect(runsInline(job, input), `${job} ${JSON.stringify(input)}`).toBe(false);
  });
});

describe("the inline path", () => {
  it("gives the same values and errors as a worker, without starting one", async () => {
    const inputs: [string, Record<string, unknown>][] = [
      ["maths.calculate", { formula: "0.1 + 0.2" }],
      ["maths.calculate", { formula: "16-3-4" }],
      ["maths.calculate", { formula: "$1,200 + 15%" }],
      ["maths.calculate", { formula: "(5+3)*12/4" }],
      ["maths.calculate", { formula: "1/3" }],
      ["maths.calculate", { formula: "1/0" }],
      ["maths.calculate", { formula: "2 +" }],
      ["maths.calculate", { formula: "((1" }],
      ["maths.calculate", { formula: "99999999999999999999999999999999 * 99999999999999999999999999999" }],
      ["maths.calculate", { formula: "5 % 3" }],
      ["maths.calculate", { formula: "1,2" }],
      ["maths.calculate", { formula: "12 * 3", limits: { maxLength: 3 } }],
      ["maths.define", { value: "2.50" }],
      ["maths.define", { value: "1/4 +" }],
    ];
    for (const [job, input] of inputs) {
      expect(runsInline(job, input)).toBe(true);
      expect(await outcome(inline, job, input), `${job} ${JSON.stringify(input)}`).toEqual(await outcome(workers, job, input));
    }
    expect(inline.stats()).toMatchObject({ workers: 0, completed: 0, inline: inputs.length });
    expect(workers.stats()).toMatchObject({ inline: 0, completed: inputs.length });
  }, 60_000);

  it("keeps the pool's result cap, abort and close rules", async () => {
    const capped = createIsolatedPool({ size: 1, maxResultBytes: 4 });
    try {
      const error = await failure(capped.run("maths.calculate", { formula: "123456789 * 1000" }));
      expect(error).toBeInstanceOf(ToolResourceError);
      expect(error).toMatchObject({ failure: "result_size" });
      expect(error.message).toMatch(/produced a result of 14 bytes, over the limit of 4 bytes/);
      const aborted = new AbortController();
      aborted.abort();
      expect((await failure(capped.run("maths.calculate", { formula: "1+1" }, { signal: aborted.signal }))).name).toBe("AbortError");
      expect(capped.stats()).toMatchObject({ workers: 0, inline: 1 });
    } finally {
      await capped.close();
    }
    expect((await failure(capped.run("maths.calculate", { formula: "1+1" }))).name).toBe("IsolationError");
  });

  it("is off for a pool with job modules of its own (they may replace a built-in job), unless asked for", () => {
    const module = new URL("./fixtures/hostileJobs.ts", import.meta.url);
    const withModules = createIsolatedPool({ size: 1, jobModules: [module] });
    const askedFor = createIsolatedPool({ size: 1, jobModules: [module], inlinePlainArithmetic: true });
    return Promise.all([withModules.run("maths.calculate", { formula: "6 * 7" }), askedFor.run("maths.calculate", { formula: "6 * 7" })])
      .then((values) => {
        expect(values).toEqual(["42", "42"]);
        expect(withModules.stats()).toMatchObject({ inline: 0, completed: 1 });
        expect(askedFor.stats()).toMatchObject({ inline: 1, completed: 0 });
      })
      .finally(() => Promise.all([withModules.close(), askedFor.close()]));
  }, 120_000);

  it("still sends everything else to a worker", async () => {
    const before = inline.stats();
    expect(await inline.run("maths.calculate", { formula: "2^10" })).toBe("1024");
    expect(await inline.run("maths.calculate", { formula: "max(100,200)" })).toBe("200");
    expect(inline.stats()).toMatchObject({ inline: before.inline, completed: before.completed + 2 });
  }, 60_000);
});
