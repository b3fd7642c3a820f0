import { describe, expect, it } from "vitest";
import { FakeListChatModel } from "@langchain/core/utils/testing";
import { ToolMessage } from "@langchain/core/messages";
import {
  calculatorTool,
  countTool,
  createCodeTool,
  createMathsTools,
  defineTool,
  setEquationTool,
  solveEquationTool,
  solveInequalityTool,
} from "../../tools/maths/index.js";

describe("maths tools are LangChain tools with zod schemas", () => {
  it("exposes the protocol's action names in order", () => {
    expect(createMathsTools().map((t) => t.name)).toEqual(["Calculator", "SetEquation", "SolveEquation", "Count", "SolveInequality", "Code", "Define"]);
  });

  it("Calculator evaluates formulas and combines equations", async () => {
    expect(await calculatorTool.invoke({ formula: "(288 - 150) / 6" })).toBe("23");
    expect(await calculatorTool.invoke({ formula: "(2*x + y = 7) - (x + y = 4)" })).toBe("x = 3");
    await expect(calculatorTool.invoke({ formula: "2 +" })).rejects.toThrow(/cannot/);
  });

  it("SetEquation keeps equations and rejects non-equations", async () => {
    expect(await setEquationTool.invoke({ equation: "x + y = 10, x - y = 2" })).toBe("x + y = 10, x - y = 2");
    await expect(setEquationTool.invoke({ equation: "x + y" })).rejects.toThrow(/not an equation/);
  });

  it("SolveEquation returns one value per unknown as content and artifact", async () => {
    const message = (await solveEquationTool.invoke({ name: "SolveEquation", args: { equation: "a + t = 30, t = a + 4" }, id: "1", type: "tool_call" })) as ToolMessage;
    expect(message.content).toBe("13, 17");
    expect(message.artifact).toEqual(["13", "17"]);
  });

  it("SolveInequality, Count and Define", async () => {
    expect(await solveInequalityTool.invoke({ inequality: "3x - 2 < 10" })).toBe("x < 4");
    expect(await countTool.invoke({ list: "a, b, ..., z" })).toBe("26");
    expect(await defineTool.invoke({ value: "2.50" })).toBe("2.5");
    expect(await defineTool.invoke({ value: " n - 2 " })).toBe("n - 2");
  });

  it("rejects arguments that do not fit the schema", async () => {
    await expect(calculatorTool.invoke({ formula: 3 } as never)).rejects.toThrow();
  });
});

describe("Code", () => {
  it("evaluates simple forms without any model", async () => {
    expect(await createCodeTool().invoke({ pseudo_code: "If -64 > 0, -64, 64" })).toBe("64");
  });

  it("fails clearly when a form needs a code model and none is configured", async () => {
    await expect(createCodeTool().invoke({ pseudo_code: "sum the digits of 1234" })).rejects.toThrow(/no code model is configured/);
  });

  it("asks the code model for a JavaScript function and runs it in the sandbox", async () => {
    const codeModel = new FakeListChatModel({
      responses: ["```javascript\nfunction solve() {\n  return String(1234).split('').reduce((a, d) => a + Number(d), 0);\n}\n```"],
    });
    expect(await createCodeTool({ codeModel }).invoke({ pseudo_code: "sum the digits of 1234" })).toBe("10");
  });
});
