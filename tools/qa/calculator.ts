import { tool } from "@langchain/core/tools";
import type { BaseLanguageModelInterface } from "@langchain/core/language_models/base";
import { z } from "zod";
import type { MathValue } from "../../src/math/engine.js";
import type { MathLimits } from "../../src/math/limits.js";
import { IsolationError } from "../../src/isolation/errors.js";
import { getDefaultPool, type JobRunner } from "../../src/isolation/pool.js";
import { isNoAnswer } from "../../src/qa/answers.js";
import { askQa } from "../../src/qa/askQa.js";

export interface QaCalculatorOptions {
  qaModel?: BaseLanguageModelInterface;
  /** Runs the numeric path (default: the shared isolated worker pool). */
  pool?: JobRunner;
  /** Size limits of the maths engine. */
  mathLimits?: Partial<MathLimits>;
}

/**
 * Calculator in complex QA: numbers and comparisons (`1961 > 1958`) go to the maths engine; anything
 * textual goes to the QA model with the formula as context and the subgoal as question, then the task's
 * question, as the reference did. The numeric path runs in the isolated worker pool: a formula that overruns
 * its time or memory limit fails the tool (ToolTimeoutError, ToolResourceError) instead of reaching the QA model.
 */
export function createQaCalculatorTool(options: QaCalculatorOptions = {}) {
  return tool(
    async ({ formula, question, fallbackQuestion }, config) => {
      try {
        const runner = options.pool ?? getDefaultPool();
        const value = await runner.run<MathValue>("maths.evaluate", { formula, limits: options.mathLimits }, { signal: config?.signal });
        if (value.kind !== "symbolic") return value.text;
      } catch (error) {
        if (error instanceof IsolationError || config?.signal?.aborted) throw error;
        // textual: ask the QA model
      }
      const context = formula.replace(/[*/+\-^=<>]/g, "");
      const answer = await askQa(options.qaModel, question, context, config?.signal);
      if (!isNoAnswer(answer) || !fallbackQuestion) return isNoAnswer(answer) ? "No answer." : answer;
      const retry = await askQa(options.qaModel, fallbackQuestion, context, config?.signal);
      return isNoAnswer(retry) ? "No answer." : retry;
    },
    {
      name: "Calculator",
      description: "Calculate the input formula",
      schema: z.object({
        formula: z.string().describe("A formula or comparison, e.g. 1961 > 1958"),
        question: z.string().describe("What the calculation answers (the subgoal)"),
        fallbackQuestion: z.string().optional().describe("The task's question, tried when the subgoal gets no answer"),
      }),
    },
  );
}
