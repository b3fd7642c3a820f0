import { describe, expect, it } from "vitest";
import { FakeListChatModel } from "@langchain/core/utils/testing";
import { ToolMessage } from "@langchain/core/messages";
import { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import { ToolInputParsingException } from "@langchain/core/tools";
import type { JobRunner, RunOptions } from "../../src/isolation/pool.js";
import {
  calculatorTool,
  countTool,
  createCalculatorTool,
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
    await expect(calculatorTool.invoke({ formula: 3 } as never)).rejects.toThrow(ToolInputParsingException);
  });

  it("report their runs to LangChain callbacks (tracing sees every call, its input and its output)", async () => {
    const seen: string[] = [];
    class Recorder extends BaseCallbackHandler {
      name = "recorder";
      override handleToolStart(_tool: unknown, input: string) {
        seen.push(`start ${input}`);
      }
      override handleToolEnd(output: unknown) {
        seen.push(`end ${(output as ToolMessage).content ?? output}`);
      }
      override handleToolError(error: Error) {
        seen.push(`error ${error.message}`);
      }
    }
    await calculatorTool.invoke({ name: "Calculator", args: { formula: "2 * 21" }, id: "c1", type: "tool_call" }, { callbacks: [new Recorder()] });
    await calculatorTool.invoke({ formula: "2 +" }, { callbacks: [new Recorder()] }).catch(() => undefined);
    expect(seen[0]).toBe('start {"formula":"2 * 21"}');
    expect(seen[1]).toBe("end 42");
    expect(seen[2]).toBe('start {"formula":"2 +"}');
    expect(seen[3]).toMatch(/^error .*cannot/);
  });

  it("hand the call's abort signal to the job runner, which runs each call as one job", async () => {
    const calls: { job: string; input: unknown; signal?: AbortSignal }[] = [];
    const runner: JobRunner = {
      run: async <T>(job: string, input?: unknown, options: RunOptions = {}) => {
        calls.push({ job, input, signal: options.signal });
        return "7" as T;
      },
    };
    const tool = createCalculatorTool({ pool: runner, mathLimits: { maxLength: 50 } });
    const controller = new AbortController();
    expect(await tool.invoke({ formula: "3 + 4" }, { signal: controller.signal })).toBe("7");
    expect(calls).toHaveLength(1);
    expect(calls[0].job).toBe("maths.calculate");
    expect(calls[0].input).toEqual({ formula: "3 + 4", limits: { maxLength: 50 } });
    expect(calls[0].signal).toBeInstanceOf(AbortSignal);
    controller.abort(new Error("stop"));
    expect(calls[0].signal!.aborted).toBe(true);
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
