/** The maths action list as LangChain tools, in the order of the protocol's action list. */
import type { StructuredToolInterface } from "@langchain/core/tools";
import { calculatorTool, createCalculatorTool } from "./calculator.js";
import { createSetEquationTool, setEquationTool } from "./setEquation.js";
import { createSolveEquationTool, solveEquationTool } from "./solveEquation.js";
import { countTool, createCountTool } from "./count.js";
import { createSolveInequalityTool, solveInequalityTool } from "./solveInequality.js";
import { createCodeTool, type CodeToolOptions } from "./code.js";
import { createDefineTool, defineTool } from "./define.js";
import type { MathsIsolationOptions } from "./isolation.js";

export { calculatorTool, setEquationTool, solveEquationTool, countTool, solveInequalityTool, createCodeTool, defineTool };
export { createCalculatorTool, createSetEquationTool, createSolveEquationTool, createCountTool, createSolveInequalityTool, createDefineTool };
export type { CodeToolOptions, MathsIsolationOptions };

/**
 * The maths tools. Their computations run in the isolated worker pool (`pool`, default: the shared one) with
 * the maths engine's limits (`mathLimits`); Code's sandbox has its own `limits`.
 */
export function createMathsTools(options: CodeToolOptions = {}): StructuredToolInterface[] {
  if (!options.pool && !options.mathLimits) {
    return [calculatorTool, setEquationTool, solveEquationTool, countTool, solveInequalityTool, createCodeTool(options), defineTool];
  }
  return [
    createCalculatorTool(options),
    createSetEquationTool(options),
    createSolveEquationTool(options),
    createCountTool(options),
    createSolveInequalityTool(options),
    createCodeTool(options),
    createDefineTool(options),
  ];
}
