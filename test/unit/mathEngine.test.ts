import { describe, expect, it } from "vitest";
import { evaluateFormula, formatNumber } from "../../src/math/engine.js";
import { solveEquations, solveInequality } from "../../src/math/equations.js";
import { countItems } from "../../src/math/count.js";
import { combineEquations } from "../../src/math/combineEquations.js";
import { evaluateSimplePseudoCode } from "../../src/math/pseudoCode.js";

const value = (f: string) => evaluateFormula(f).text;

describe("maths engine", () => {
  it("writes numbers as a person does", () => {
    expect(value("16 - 3 - 4")).toBe("9");
    expect(value("4.5 * 2")).toBe("9");
    expect(value("7/2")).toBe("3.5");
    expect(value("10/3")).toBe("10/3");
    expect(value("0.1 + 0.2")).toBe("0.3");
    expect(value("sqrt(2)")).toBe("1.414214");
    expect(value("sqrt(16)")).toBe("4");
    expect(formatNumber(1e-12).text).toBe("0");
  });

  it("accepts how word problems write numbers", () => {
    expect(value("$1,200 * 3")).toBe("3600");
    expect(value("20% * 50")).toBe("10");
    expect(value("3 × 4 ÷ 2")).toBe("6");
    expect(value("2**3")).toBe("8");
  });

  it("compares and simplifies symbolically", () => {
    expect(value("3 > 2")).toBe("True");
    expect(value("(x-y) - (x+y)")).toBe("-(2*y)");
    expect(value("(n-2)^2")).toBe("n^2 - 4*n + 4");
  });

  it("binds symbols from a scope", () => {
    expect(evaluateFormula("x - 7*y", { x: "-9/8", y: "-3/5" }).text).toBe("3.075");
  });

  it("throws a readable MathError on nonsense", () => {
    expect(() => evaluateFormula("3 +* 4")).toThrow(/cannot (parse|evaluate)/);
    expect(() => evaluateFormula("")).toThrow(/empty formula/);
  });
});

describe("equations", () => {
  it("solves linear equations and systems exactly, one value per unknown", () => {
    expect(solveEquations("2x + 3 = 7").values).toEqual(["2"]);
    expect(solveEquations("x + y = 10, x - y = 2")).toEqual({ unknowns: ["x", "y"], values: ["6", "4"] });
    expect(solveEquations("3*x = 1").values).toEqual(["1/3"]);
  });

  it("solves quadratics, preferring the positive root for one result", () => {
    expect(solveEquations("(n-2)^2 + n^2 + (n+2)^2 = 12296").values).toEqual(["64"]);
    expect(solveEquations("x^2 = 16", 2).values).toEqual(["-4", "4"]);
  });

  it("finds roots of non-polynomial equations numerically", () => {
    expect(solveEquations("2^x = 8").values).toEqual(["3"]);
  });

  it("explains what it cannot solve", () => {
    expect(() => solveEquations("x + y = 3")).toThrow(/2 unknowns but only 1 equation/);
    expect(() => solveEquations("3 + 4")).toThrow(/no equation/);
    expect(() => solveEquations("x + 1 = x + 2")).toThrow(/no unique solution/);
  });

  it("combines equations side by side", () => {
    expect(combineEquations("(2*x + y = 7) - (x + y = 4)")).toBe("x = 3");
  });

  it("solves linear inequalities, flipping on negative coefficients", () => {
    expect(solveInequality("2x + 3 > 7")).toBe("x > 2");
    expect(solveInequality("-2x <= 4")).toBe("x >= -2");
    expect(() => solveInequality("x^2 > 4")).toThrow(/only linear/);
  });
});

describe("count and pseudo code", () => {
  it("counts lists and sequences", () => {
    expect(countItems("2^0, 2^1, 2^2")).toBe("3");
    expect(countItems("a, b, ..., z")).toBe("26");
    expect(countItems("3, 6, ..., 99")).toBe("33");
    expect(countItems("1, ..., 10")).toBe("10");
    expect(() => countItems("1, 3, ..., 10")).toThrow(/not reached/);
  });

  it("evaluates simple pseudo-code forms without a model", () => {
    expect(evaluateSimplePseudoCode("If 64 > 0, 64, -64")).toBe("64");
    expect(evaluateSimplePseudoCode("If 143 % 3 == 0, 1, 0")).toBe("0");
    expect(evaluateSimplePseudoCode("if 5 > 7 then 1 else 2")).toBe("2");
    expect(evaluateSimplePseudoCode("max(3, 8)")).toBe("8");
    expect(evaluateSimplePseudoCode("for each item in the list sum the evens")).toBeUndefined();
  });
});
