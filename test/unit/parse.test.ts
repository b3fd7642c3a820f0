import { describe, expect, it } from "vitest";
import { parseAction, parseGroundingLine, splitOutsideBrackets } from "../../src/actions/parse.js";

const ok = (text: string) => {
  const item = parseAction(text);
  if (!item.ok) throw new Error(`expected ok: ${item.error}`);
  return item.action;
};
const fails = (text: string) => {
  const item = parseAction(text);
  if (item.ok) throw new Error(`expected a failure for ${text}`);
  return item.error;
};

describe("action parser", () => {
  it("parses a single calculator action", () => {
    expect(ok("R1 = Calculator(16 - 3 - 4)")).toEqual({ text: "R1 = Calculator(16 - 3 - 4)", outputs: ["R1"], tool: "Calculator", args: "16 - 3 - 4" });
  });

  it("parses several result variables", () => {
    expect(ok("R5, R6 = SolveEquation(x + y = 10, x - y = 2)")).toMatchObject({ outputs: ["R5", "R6"], tool: "SolveEquation", args: "x + y = 10, x - y = 2" });
  });

  it("keeps nested parentheses inside the arguments", () => {
    expect(ok("R2 = Calculator((3 + (4 * 2)) / (1 + 1))").args).toBe("(3 + (4 * 2)) / (1 + 1)");
  });

  it("parses Output and plain assignments", () => {
    expect(ok("Output = Calculator(R13 / 8)")).toMatchObject({ outputs: ["Output"], tool: "Calculator" });
    expect(ok("Output = R9")).toMatchObject({ outputs: ["Output"], tool: "", args: "R9" });
  });

  it("treats R3(R1, R2) as a function application for the Calculator", () => {
    expect(ok("R10 = R1(R9)")).toMatchObject({ tool: "Calculator", args: "R1(R9)" });
    expect(ok("Output = Calculator(R4(R5, R6))").args).toBe("R4(R5, R6)");
  });

  it("ignores a trailing value annotation copied from training data", () => {
    expect(ok("R1 = Calculator(3 + 4) = 7")).toMatchObject({ tool: "Calculator", args: "3 + 4" });
  });

  it("turns malformed actions into readable errors", () => {
    expect(fails("R1 = Calculator(3 + (4 * 2)")).toBe("unbalanced parentheses");
    expect(fails("Calculator(3 + 4)")).toMatch(/expected "R1 = Tool\(arguments\)"/);
    expect(fails("x = Calculator(3)")).toMatch(/"x" is not a result variable/);
    expect(fails("R1 = (3 + 4)")).toBe("missing tool name");
    expect(fails("R1 = Calc ulator(3)")).toMatch(/is not a tool name/);
    expect(fails("R1 = Calculator(3) then stop")).toMatch(/unexpected text after the action/);
    expect(fails("")).toBe("empty action");
  });
});

describe("grounding line", () => {
  it("splits actions on '; ' outside brackets only", () => {
    const items = parseGroundingLine("R1 = QA([R2], Question: a; b); R2 = Calculator(R1 + 1)");
    expect(items.map((i) => (i.ok ? i.action.tool : i.error))).toEqual(["QA", "Calculator"]);
    expect(splitOutsideBrackets("a; (b; c); d", "; ")).toEqual(["a", "(b; c)", "d"]);
  });

  it("reports an empty line instead of skipping it", () => {
    expect(parseGroundingLine("   ")).toEqual([{ ok: false, text: "", error: "the grounding module returned an empty line" }]);
  });

  it("keeps good actions and reports the bad one in order", () => {
    const items = parseGroundingLine("R1 = Calculator(2 + 2); garbage here; R2 = Calculator(R1 * 2)");
    expect(items.map((i) => i.ok)).toEqual([true, false, true]);
  });
});
