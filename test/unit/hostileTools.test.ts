/**
 * A hostile corpus against the maths tools as the executor calls them (LangChain tools running in the isolated
 * worker pool): every input ends in a clear error value, never a crash or a stall, and after each one a healthy
 * Calculator call returns what it returned before. Assertions are about outcomes and ordering, not time.
 */
import { describe, expect, it } from "vitest";
import { FakeListChatModel } from "@langchain/core/utils/testing";
import type { ToolMessage } from "@langchain/core/messages";
import {
  calculatorTool,
  countTool,
  createCodeTool,
  defineTool,
  setEquationTool,
  solveEquationTool,
  solveInequalityTool,
} from "../../tools/maths/index.js";
import { runGeneratedCode } from "../../tools/maths/code.js";
import { createQaCalculatorTool } from "../../tools/qa/calculator.js";
import { ToolResourceError, ToolTimeoutError, getDefaultPool, toolErrorKind } from "../../src/isolation/index.js";
import { createLumosGraph } from "../../src/graph/build.js";
import { ScriptedLLM } from "../helpers/scriptedLLM.js";
import { failure } from "../helpers/failure.js";

/** Calculator(0.1 + 0.2) gives 0.3 today (exact rational arithmetic); it must keep doing so. */
async function expectHealthy(after: string): Promise<void> {
  expect(await calculatorTool.invoke({ formula: "0.1 + 0.2" }), `after ${after}`).toBe("0.3");
  expect(await calculatorTool.invoke({ formula: "1/3 + 1/3" }), `after ${after}`).toBe("2/3");
}


const CALCULATOR_CORPUS: [string, RegExp][] = [
  ['config({number: "BigNumber", precision: number(1)})', /function "config" is not allowed/],
  ["import({pi: 3}, {override: true})", /not allowed/],
  ['createUnit("furlong", "220 yards")', /not allowed/],
  ['evaluate("1 + 1")', /not allowed/],
  ['parse("1 + 1")', /not allowed/],
  ['simplify("x + x")', /not allowed/],
  ['derivative("x^2", "x")', /not allowed/],
  ["f(x) = x^2", /unknown function "f"|not allowed/],
  ["9^9^9", /too large/],
  ["2^(10^7)", /too large/],
  ["factorial(1000000)", /too large/],
  ["zeros(20000, 20000)", /function "zeros" is not allowed/],
  ["1:1000000000", /too large/],
  ["sum(1:1000000000)", /too large/],
  ["[[1, 2], [3, 4]]^1000000000", /too large/],
  ["(".repeat(5000) + "1" + ")".repeat(5000), /too long|nested too deeply/],
  ["(".repeat(200) + "1" + ")".repeat(200), /nested too deeply/],
  ["-".repeat(9000) + "1", /nested too deeply|too many terms/],
  ["1" + "+1".repeat(20_000), /too long/],
  ['"' + "x".repeat(9000) + '"', /text is not allowed/],
  ["(x + 1)^1000000", /too large/],
  [Array.from({ length: 40 }, (_, i) => `sin(x + ${i})`).join(" + "), /too many terms for symbolic simplification/],
];

describe("hostile Calculator input", () => {
  it("each hostile formula is a clear error and the next healthy call is unchanged", async () => {
    await expectHealthy("nothing");
    for (const [formula, message] of CALCULATOR_CORPUS) {
      const error = await failure(calculatorTool.invoke({ formula }));
      expect(error.message, formula.slice(0, 60)).toMatch(message);
      expect(error.message.length, formula.slice(0, 60)).toBeLessThan(400);
      await expectHealthy(formula.slice(0, 60));
    }
  }, 120_000);

  it("max and min read their arguments, not thousands separators", async () => {
    expect(await calculatorTool.invoke({ formula: "max(100,200)" })).toBe("200");
    expect(await calculatorTool.invoke({ formula: "min(5,100,200)" })).toBe("5");
    expect(await calculatorTool.invoke({ formula: "1,000 + 2" })).toBe("1002");
  });

  it("the QA domain's Calculator computes numbers isolated too", async () => {
    const qaCalculator = createQaCalculatorTool();
    expect(await qaCalculator.invoke({ formula: "1966 > 1924", question: "Which is later?" })).toBe("True");
    expect(await qaCalculator.invoke({ formula: "max(100,200)", question: "Which is larger?" })).toBe("200");
    await expectHealthy("QA calculator");
  }, 60_000);
});

describe("hostile equations, inequalities, lists and definitions", () => {
  it("are clear errors, and the engine answers as before afterwards", async () => {
    const unknowns200 = `${Array.from({ length: 200 }, (_, i) => `x${i}`).join(" + ")} = 1`;
    const equations200 = Array.from({ length: 200 }, (_, i) => `x${i} + x${i + 1} = ${i}`).join(", ");
    const terms2000 = `${Array.from({ length: 2000 }, () => "x").join(" + ")} = 1`;
    const solve = (equation: string) => solveEquationTool.invoke({ name: "SolveEquation", args: { equation }, id: "1", type: "tool_call" }) as Promise<ToolMessage>;
    expect((await failure(solve(unknowns200))).message).toMatch(/too many unknowns: 200/);
    await expectHealthy("200 unknowns");
    expect((await failure(solve(equations200))).message).toMatch(/too many equations: 200/);
    await expectHealthy("200 equations");
    expect((await failure(solve(terms2000))).message).toMatch(/too many terms/);
    await expectHealthy("2,000 terms");
    expect((await failure(solve("x^(10^7) = 2"))).message).toMatch(/too large/);
    expect((await failure(setEquationTool.invoke({ equation: equations200 }))).message).toMatch(/too many equations/);
    expect((await failure(solveInequalityTool.invoke({ inequality: "x^1000000 > 2" }))).message).toMatch(/too large/);
    expect((await failure(countTool.invoke({ list: Array.from({ length: 5000 }, (_, i) => i).join(", ") }))).message).toMatch(/too long/);
    expect(await defineTool.invoke({ value: "9^9^9" })).toBe("9^9^9"); // kept as an expression, computed never
    await expectHealthy("equations");
    expect((await solve("x + y = 10, x - y = 2")).artifact).toEqual(["6", "4"]);
  }, 120_000);
});

const SANDBOX = { timeoutMs: 300, memoryBytes: 8 * 1024 * 1024 };

const CODE_CORPUS: [string, string, RegExp, (new (...args: never[]) => Error)?][] = [
  ["infinite loop", "function solve() { while (true) {} }", /time limit of 300 ms exceeded/, ToolTimeoutError],
  ["catch-and-retry loop", "function solve() { for (;;) { try { while (true) {} } catch (e) {} } }", /time limit of 300 ms exceeded/, ToolTimeoutError],
  ["catch-and-recurse", "function solve() { function f() { try { f(); } catch (e) { f(); } } f(); }", /generated code failed/],
  ["allocation loop", "function solve() { const a = []; for (;;) a.push(new Array(100000).fill(1)); }", /memory limit|time limit/],
  ["allocation retried after failure", "function solve() { let a = []; for (;;) { try { a.push(new Array(100000).fill(1)); } catch (e) { a = []; } } }", /memory limit|time limit/],
  ["deep recursion", "function solve() { function f(n) { return f(n + 1) + 1; } return f(0); }", /stack overflow|call stack|too much recursion/i],
  ["deep JSON.parse", "function solve() { return JSON.parse('['.repeat(100000) + ']'.repeat(100000)); }", /generated code failed/],
  ["cyclic result", "function solve() { const a = {}; a.self = a; return a; }", /cyclic/],
  ["toJSON bomb", "function solve() { return { toJSON() { return 'x'.repeat(20 * 1024 * 1024); } }; }", /expected a number, string or boolean|memory limit/],
  ["20 MB string", "function solve() { return 'x'.repeat(20 * 1024 * 1024); }", /larger than|memory limit/],
  ["regex backtracking", "function solve() { return /(a+)+$/.test('a'.repeat(40) + 'b'); }", /time limit of 300 ms exceeded/, ToolTimeoutError],
  ["comparator that never returns", "function solve() { const a = Array.from({ length: 1000 }, (_, i) => i); a.sort(() => { while (true) {} }); }", /time limit of 300 ms exceeded/, ToolTimeoutError],
  ["huge buffer", "function solve() { return new ArrayBuffer(1e9).byteLength; }", /memory limit of 8 MiB exceeded/, ToolResourceError],
  ["huge thrown value", "function solve() { throw { get message() { return 'y'.repeat(1000000); } }; }", /generated code failed/],
];

describe("hostile Code", () => {
  it("each hostile program is a clear error and later calls are unaffected", async () => {
    for (const [name, code, message, type] of CODE_CORPUS) {
      const error = await failure(runGeneratedCode(code, SANDBOX));
      expect(error.message, name).toMatch(message);
      expect(error.message.length, name).toBeLessThan(600);
      if (type) expect(error, name).toBeInstanceOf(type);
      expect(await runGeneratedCode("function solve() { return 6 * 7; }", SANDBOX), `after ${name}`).toBe("42");
      await expectHealthy(name);
    }
  }, 240_000);

  it("maps the sandbox's limits to typed errors the executor can tell apart", async () => {
    const timeout = await failure(runGeneratedCode("function solve() { while (true) {} }", SANDBOX));
    expect(toolErrorKind(timeout)).toBe("tool_timeout");
    const memory = await failure(runGeneratedCode("function solve() { const a = []; for (;;) a.push(new Array(100000).fill(1)); }", { timeoutMs: 5000, memoryBytes: 8 * 1024 * 1024 }));
    expect(memory).toBeInstanceOf(ToolResourceError);
    expect(toolErrorKind(memory)).toBe("tool_error");
  }, 60_000);

  it("40 aborts of QuickJS in a row, then `return 6*7` still works", async () => {
    const aborting = [
      "function solve() { function f(n) { return f(n + 1) + 1; } return f(0); }",
      "function solve() { return JSON.parse('['.repeat(100000) + ']'.repeat(100000)); }",
    ];
    for (let i = 0; i < 40; i++) {
      await expect(runGeneratedCode(aborting[i % 2], SANDBOX)).rejects.toThrow(/generated code failed/);
    }
    expect(await runGeneratedCode("function solve() { return 6*7; }", SANDBOX)).toBe("42");
  }, 240_000);

  it("a hostile simple form fails before any code model is asked", async () => {
    const codeModel = new FakeListChatModel({ responses: ["function solve() { return 1; }"] });
    const code = createCodeTool({ codeModel });
    expect((await failure(code.invoke({ pseudo_code: "9^9^9" }))).message).toMatch(/too large/);
    expect(await code.invoke({ pseudo_code: "If -64 > 0, -64, 64" })).toBe("64");
  }, 60_000);

  it("an AbortSignal passed to the tool stops the sandbox", async () => {
    const codeModel = new FakeListChatModel({ responses: ["function solve() { while (true) {} }"] });
    const code = createCodeTool({ codeModel, limits: { timeoutMs: 60_000, memoryBytes: 8 * 1024 * 1024 } });
    const controller = new AbortController();
    const running = failure(code.invoke({ pseudo_code: "loop forever please" }, { signal: controller.signal }));
    // abort once the job is in a worker
    while (getDefaultPool().stats().busy === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    expect((await running).name).toBe("AbortError");
    await expectHealthy("an aborted Code call");
  }, 60_000);
});

describe("one task cannot poison the next", () => {
  it("a grounder line that reconfigures mathjs fails alone; later tasks keep their exact answers", async () => {
    const task = (ground: string) =>
      createLumosGraph({
        planner: new ScriptedLLM(["Subgoal 1: Calculate it.", "Yes, I will stop planning."]),
        grounder: new ScriptedLLM([ground]),
      }).invoke({ task: "Compute." });
    const healthy = ["R1 = Calculator(0.1 + 0.2)", "R1 = Calculator(1/3 + 1/3)", "R1 = Calculator(2^64)", "R1 = Calculator(19.99 * 3)"];
    const before = await Promise.all(healthy.map(async (line) => (await task(line)).answer));
    expect(before).toEqual(["0.3", "2/3", "18446744073709551616", "59.97"]);
    const poisoned = await task('R0 = Calculator(config({number: "BigNumber", precision: number(1)}))');
    expect(poisoned.answer).toBeNull();
    expect(poisoned.errors[0]).toMatchObject({ kind: "tool_error" });
    expect(poisoned.errors[0].message).toMatch(/function "config" is not allowed/);
    const after = await Promise.all(healthy.map(async (line) => (await task(line)).answer));
    expect(after).toEqual(before);
  }, 120_000);
});
