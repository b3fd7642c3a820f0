import { describe, expect, it } from "vitest";
import { progressLine } from "../../src/cli/progress.js";

describe("progress lines", () => {
  it("show actions with results and shorten long tool output", () => {
    const base = { event: "action" as const, subgoal: 1, tool: "Calculator", outputs: ["R1"], values: ["9"], ms: 1 };
    expect(progressLine({ ...base, text: "R1 = Calculator(4 + 5)", logged: "R1 = Calculator(4 + 5) = 9" })).toBe("    R1 = Calculator(4 + 5) = 9");
    const long = progressLine({ ...base, text: "R1 = KnowledgeQuery(X)", logged: `R1 = KnowledgeQuery(X) = ${"word ".repeat(200)}` })!;
    expect(long.length).toBe(240);
    expect(long.endsWith("…")).toBe(true);
    expect(progressLine({ ...base, text: "R1 = Foo(1)", logged: "R1 = Foo(1)", error: "unknown action" })).toBe("    ✗ R1 = Foo(1)  [unknown action]");
  });
});
