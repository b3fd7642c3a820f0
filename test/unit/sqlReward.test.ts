/**
 * InterCode's reward on hand-made row sets. Expected values are what InterCode's own get_reward returns for
 * the same Python rows (worked out by hand and checked once against it): ties, duplicates, empty results,
 * NULLs, numbers versus strings, reversed order, and the rounding numpy applies.
 */
import { describe, expect, it } from "vitest";
import { compareCodePoints, kendallTauB } from "../../src/sql/kendallTau.js";
import { numpyRound2, pythonBytes, pythonFloat, pythonList, pythonStr, pythonTuple } from "../../src/sql/pythonRepr.js";
import { interCodeReward } from "../../src/sql/reward.js";

const cases: [string, string[] | null, string[], number][] = [
  ["identical rows", ["(1, 'a')", "(2, 'b')"], ["(1, 'a')", "(2, 'b')"], 1],
  ["rows in their string order, reversed, score -1", ["(3,)", "(2,)", "(1,)"], ["(1,)", "(2,)", "(3,)"], -1],
  ["both empty", [], [], 1],
  ["agent empty", [], ["(1,)"], 0],
  ["gold empty", ["(1,)"], [], 0],
  ["agent error", null, ["(1,)"], 0],
  ["agent error, gold empty", null, [], 0],
  ["a subset in order (IoU 2/4, tau 1)", ["('a',)", "('b',)"], ["('a',)", "('b',)", "('c',)", "('d',)"], 0.5],
  ["one overlapping row: tau undefined, IoU kept unrounded", ["('a',)", "('x',)"], ["('a',)", "('b',)"], 1 / 3],
  ["duplicates counted as a multiset", ["(1,)", "(1,)", "(2,)"], ["(1,)", "(2,)", "(2,)"], 0.5],
  ["all tied: tau undefined", ["(1,)", "(1,)"], ["(1,)", "(1,)", "(1,)"], 2 / 3],
  ["first two swapped: tau 2/3", ["('b',)", "('a',)", "('c',)", "('d',)"], ["('a',)", "('b',)", "('c',)", "('d',)"], 0.67],
  ["NULLs compare as None", ["(None,)", "(1,)"], ["(None,)", "(1,)"], 1],
  ["an int is not the string '1'", ["(1,)"], ["('1',)"], 0],
  ["an int is not Decimal('1')", ["(Decimal('1'),)"], ["(1,)"], 0],
  ["a float is not an int", ["(1.0,)"], ["(1,)"], 0],
  ["UNION ALL doubling every row", ["('a',)", "('b',)", "('a',)", "('b',)"], ["('a',)", "('b',)"], 0.5],
  ["ties in the gold order", ["('b',)", "('a',)", "('a',)"], ["('a',)", "('a',)", "('b',)"], -0.5],
  ["rows compared as strings: (10,) sorts before (9,)", ["(10,)", "(9,)"], ["(9,)", "(10,)"], -1],
];

describe("InterCode's reward", () => {
  it.each(cases)("%s", (_name, agent, gold, expected) => {
    expect(interCodeReward(agent, gold)).toBe(expected);
  });

  it("rounds as numpy does: the product is scaled by 100 and rounded half to even", () => {
    // -0.75 * 0.7 is -0.5250000000000001; times 100 it is exactly -52.5, which numpy rounds to -52
    expect(numpyRound2(-0.75 * 0.7)).toBe(-0.52);
    expect(numpyRound2(0.125)).toBe(0.12);
    expect(numpyRound2(0.375)).toBe(0.38);
    expect(numpyRound2(0.025)).toBe(0.02);
    expect(numpyRound2(2 / 3)).toBe(0.67);
    expect(numpyRound2(-1)).toBe(-1);
  });
});

describe("Kendall's tau-b as scipy computes it", () => {
  it("counts ties on both sides and is undefined for one item or all ties", () => {
    expect(kendallTauB(["a", "b", "c"], ["a", "b", "c"])).toBe(1);
    expect(kendallTauB(["a", "b", "c"], ["c", "b", "a"])).toBe(-1);
    expect(kendallTauB(["b", "a", "a"], ["a", "a", "b"])).toBeCloseTo(-0.5, 12);
    expect(kendallTauB(["a"], ["a"])).toBeNaN();
    expect(kendallTauB(["a", "a"], ["a", "a"])).toBeNaN();
    expect(kendallTauB([], [])).toBeNaN();
  });

  it("orders strings by code point, as numpy compares them", () => {
    // U+FF21 (a BMP letter) sorts before U+1F600 in code points, after it in UTF-16 units
    expect(compareCodePoints("\uff21", "😀")).toBeLessThan(0);
    expect("\uff21" < "😀").toBe(false);
    expect(compareCodePoints("(1,", "(10")).toBeLessThan(0);
  });

  it("stays fast on large results (n log n)", () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => `(${String(i).padStart(5, "0")},)`);
    expect(kendallTauB(rows, [...rows].reverse())).toBe(-1);
  });
});

describe("Python reprs of result cells", () => {
  it("writes str as Python does: quote choice and escapes", () => {
    expect(pythonStr("abc")).toBe("'abc'");
    expect(pythonStr("it's")).toBe(`"it's"`);
    expect(pythonStr(`it's "x"`)).toBe(`'it\\'s "x"'`);
    expect(pythonStr("a\\b\n\t\r\x01")).toBe("'a\\\\b\\n\\t\\r\\x01'");
    expect(pythonStr("café ü 北京")).toBe("'café ü 北京'");
    expect(pythonStr("\u00a0\u200b")).toBe("'\\xa0\\u200b'");
  });

  it("writes floats with the shortest digits, in Python's notation", () => {
    expect(pythonFloat(3)).toBe("3.0");
    expect(pythonFloat(0.1)).toBe("0.1");
    expect(pythonFloat(78.4)).toBe("78.4");
    expect(pythonFloat(1e16)).toBe("1e+16");
    expect(pythonFloat(1.5e300)).toBe("1.5e+300");
    expect(pythonFloat(123456789012345680)).toBe("1.2345678901234568e+17");
    expect(pythonFloat(0.0001)).toBe("0.0001");
    expect(pythonFloat(0.00001)).toBe("1e-05");
    expect(pythonFloat(-2.5e-7)).toBe("-2.5e-07");
    expect(pythonFloat(9999999999999998)).toBe("9999999999999998.0");
    expect(pythonFloat(-0)).toBe("-0.0");
  });

  it("writes bytes, tuples and lists", () => {
    expect(pythonBytes(Buffer.from("a'b\x00"))).toBe(`b"a'b\\x00"`);
    expect(pythonTuple(["1"])).toBe("(1,)");
    expect(pythonTuple(["1", "'a'"])).toBe("(1, 'a')");
    expect(pythonList(["(1,)", "(2,)"])).toBe("[(1,), (2,)]");
  });
});
