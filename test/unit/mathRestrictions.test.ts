/**
 * The maths engine cannot be reconfigured or extended by model text, and every size is bounded: each
 * hostile formula fails at once with an error that says why, and the engine gives the same answers after it.
 */
import { describe, expect, it } from "vitest";
import { evaluateFormula, freeSymbols, MathError, MathLimitError, normaliseFormula } from "../../src/math/engine.js";
import { solveEquations, solveInequality } from "../../src/math/equations.js";
import { countItems } from "../../src/math/count.js";
import { calculate } from "../../src/math/calculate.js";
import { ensureEngineIntact, mathOf } from "../../src/math/safeMath.js";

const HEALTHY: [string, string][] = [
  ["0.1 + 0.2", "0.3"],
  ["1/3 + 1/3", "2/3"],
  ["10/3", "10/3"],
  ["(288 - 150) / 6", "23"],
  ["sqrt(2)", "1.414214"],
  ["2^10", "1024"],
  ["5!", "120"],
  ["(n-2)^2", "n^2 - 4*n + 4"],
];

function expectHealthy(): void {
  for (const [formula, value] of HEALTHY) expect(evaluateFormula(formula).text, formula).toBe(value);
}

const seventy = "(".repeat(70) + "1" + ")".repeat(70);

const RECONFIGURING: string[] = [
  'config({number: "BigNumber", precision: number(1)})',
  'config({number: "number"})',
  "import({pi: 3}, {override: true})",
  'createUnit("furlong", "220 yards")',
  'evaluate("config({number: \\"BigNumber\\"})")',
  'parse("1 + 1")',
  'simplify("x + x")',
  'derivative("x^2", "x")',
  'resolve(parse("x"), {x: 1})',
  "compile(\"1\")",
  "chain(3)",
  "typed(\"f\", {})",
  "f(x) = x^2",
  "a = 3; a + 1",
  "x.constructor",
  "pi.toString",
  "[1, 2][1]",
  "{a: 1}",
  "expression",
  "version",
  "zeros(20000, 20000)",
  "ones(100000)",
  "random()",
  "map([1, 2], f)",
  '"text"',
];

const OVER_LIMITS: [string, RegExp][] = [
  ["9^9^9", /9\^387420489 is too large: about 369,693,100 digits \(limit 10,000\)/],
  ["2^(10^7)", /too large/],
  ["factorial(1000000)", /factorial\(1000000\) is too large/],
  ["1000000!", /too large/],
  ["gamma(100000000)", /too large/],
  ["combinations(1000000000, 500000000)", /too large/],
  ["permutations(1000000000, 500000000)", /too large/],
  ["1:1000000000", /the range 1:1000000000 is too large \(limit 10,000 elements\)/],
  ["sum(1:1000000000)", /too large/],
  ["range(0, 1000000000)", /too large/],
  ["[[1, 2], [3, 4]]^1000000000", /matrix power/],
  [Array.from({ length: 180 }, () => "(7^9000)").join(" * "), /is too large: about [\d,]+ digits \(limit 10,000\)/],
  ["round(1/3, 1000000000)", /at most 15 decimal places/],
  ["(x + 1)^100000", /the power 100,000 of an unknown is too large/],
  ["x^(10^7) + 1", /too large/],
  [seventy, /nested too deeply/],
  ["1" + "+1".repeat(6000), /too long/],
  ["1" + "+1".repeat(1500), /too many terms/],
];

describe("a maths engine model text cannot change", () => {
  it("rejects every way of reconfiguring, extending or escaping the engine", () => {
    for (const formula of RECONFIGURING) {
      expect(() => evaluateFormula(formula), formula).toThrow(MathError);
      expectHealthy();
    }
    expect(() => evaluateFormula('config({number: "BigNumber", precision: number(1)})')).toThrow(/function "config" is not allowed/);
    expect(() => evaluateFormula("f(x) = x^2")).toThrow(/function definitions are not allowed/);
    expect(() => evaluateFormula("a = 3; a + 1")).toThrow(/assignments are not allowed/);
    expect(() => evaluateFormula("zeros(20000, 20000)")).toThrow(/function "zeros" is not allowed/);
    expect(() => evaluateFormula('"text"')).toThrow(/text is not allowed/);
  });

  it("even the engine's own namespace refuses the dangerous functions", () => {
    const namespace = (mathOf("exact") as unknown as { expression: { mathWithTransform: Record<string, (...args: unknown[]) => unknown> } }).expression.mathWithTransform;
    for (const name of ["import", "createUnit", "config", "evaluate", "parse", "simplify", "derivative", "resolve", "compile"]) {
      if (namespace[name] === undefined) continue; // not reachable from expressions at all
      expect(() => namespace[name]({ number: "BigNumber" }), name).toThrow(/is not allowed/);
    }
    expect(typeof namespace.config).toBe("function");
    expect(ensureEngineIntact()).toBe(true);
  });

  it("rebuilds an instance whose configuration changed anyway (tripwire)", () => {
    mathOf("exact").config({ number: "BigNumber" });
    expect(ensureEngineIntact()).toBe(false);
    expect(mathOf("exact").config({}).number).toBe("Fraction");
    expectHealthy();
  });

  it("stops every size bomb at once with a MathLimitError naming the limit", () => {
    for (const [formula, message] of OVER_LIMITS) {
      let error: unknown;
      try {
        evaluateFormula(formula);
      } catch (caught) {
        error = caught;
      }
      expect(error, formula).toBeInstanceOf(MathLimitError);
      expect((error as Error).message, formula).toMatch(message);
      expect((error as Error).message.length, formula).toBeLessThan(400);
      expectHealthy();
    }
  });

  it("bounds symbolic simplification, whose cost explodes with the size of the expression", () => {
    expect(evaluateFormula("(x + 1)^4").text).toBe("x^4 + 4*x^3 + 6*x^2 + 4*x + 1");
    expect(evaluateFormula("(x + 1)^5").text).toBe("(x + 1)^5"); // expanding it would take minutes
    expect(evaluateFormula("(x^2 + x + 1)^3").text).toBe("(x^2 + x + 1)^3");
    expect(evaluateFormula(Array.from({ length: 12 }, (_, i) => `(x + ${i + 1})`).join(" * ")).kind).toBe("symbolic");
    expect(() => evaluateFormula(Array.from({ length: 40 }, (_, i) => `sin(x + ${i})`).join(" + "))).toThrow(/too many terms for symbolic simplification/);
    expect(() => evaluateFormula(Array.from({ length: 25 }, (_, i) => `x^${i % 5} * y^${i % 3} / (z + ${i})`).join(" + "))).toThrow(MathLimitError);
    expectHealthy();
  });

  it("keeps big but reasonable arithmetic working", () => {
    expect(evaluateFormula("2^1000").text).toHaveLength(302);
    expect(evaluateFormula("1000 * (1 + 0.05/12)^(12*30)").text).toBe("4467.744314");
    expect(evaluateFormula("(241/240)^600 * 1000").text).toBe("12119.383211");
    expect(evaluateFormula("1.0001^100000").text).toBe("22015.456049");
    expect(evaluateFormula("factorial(20)").text).toBe("2432902008176640000");
    expect(evaluateFormula("sum(1:100)").text).toBe("5050");
    expect(evaluateFormula("combinations(10, 3)").text).toBe("120");
  });

  it("limits are options", () => {
    expect(evaluateFormula("2^20", {}, { maxDigits: 10 }).text).toBe("1048576");
    expect(() => evaluateFormula("2^100", {}, { maxDigits: 10 })).toThrow(/limit 10\b/);
    expect(() => evaluateFormula("sum(1:100)", {}, { maxElements: 50 })).toThrow(/limit 50 elements/);
    expect(() => evaluateFormula("1 + 2 + 3", {}, { maxNodes: 3 })).toThrow(/too many terms/);
  });

  it("bounds equation systems: unknowns, equations and terms", () => {
    const manyUnknowns = `${Array.from({ length: 200 }, (_, i) => `x${i}`).join(" + ")} = 1`;
    expect(() => solveEquations(manyUnknowns)).toThrow(/too many unknowns: 200 \(limit 10\)/);
    const manyEquations = Array.from({ length: 200 }, (_, i) => `x${i} + x${i + 1} = ${i}`).join(", ");
    expect(() => solveEquations(manyEquations)).toThrow(/too many equations: 200 \(limit 10\)/);
    const manyTerms = `${Array.from({ length: 2000 }, () => "x").join(" + ")} = 1`;
    expect(() => solveEquations(manyTerms)).toThrow(MathLimitError);
    expect(() => solveEquations("x^(10^7) = 2")).toThrow(/too large/);
    expect(() => solveInequality("x^1000000 > 2")).toThrow(/too large/);
    expect(solveEquations("x + y = 10, x - y = 2").values).toEqual(["6", "4"]);
  });

  it("bounds lists to count", () => {
    expect(() => countItems(Array.from({ length: 5000 }, (_, i) => i).join(", "))).toThrow(/too long/);
    expect(countItems("1, ..., 1000000000000")).toBe("1000000000000");
  });

  it("evaluates each formula on a fresh scope", () => {
    expect(evaluateFormula("x - 7*y", { x: "-9/8", y: "-3/5" }).text).toBe("3.075");
    expect(evaluateFormula("x - 7*y").text).toBe("x - 7*y");
  });
});

describe("thousands separators", () => {
  it("are read only outside function-call argument lists", () => {
    expect(calculate("max(100,200)")).toBe("200");
    expect(calculate("min(5,100,200)")).toBe("5");
    expect(calculate("max(1,000, 5)")).toBe("5");
    expect(calculate("1,000 + 2")).toBe("1002");
    expect(calculate("(1,000 + 2) * 3")).toBe("3006");
    expect(calculate("$1,200,000 / 4")).toBe("300000");
    expect(calculate("max (100,200)")).toBe("200");
    expect(calculate("2 * (1,500 - 500)")).toBe("2000");
    expect(normaliseFormula("[1,000, 2]")).toBe("[1,000, 2]");
  });

  it("leave free symbols and errors as they were", () => {
    expect(freeSymbols("x * y + pi")).toEqual(["x", "y"]);
    expect(() => freeSymbols("config(1)")).toThrow(/not allowed/);
  });
});
