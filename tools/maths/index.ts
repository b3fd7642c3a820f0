/** The maths action list as LangChain tools, in the order of the protocol's action list. */
import type { StructuredToolInterface } from "@langchain/core/tools";
import { calculatorTool } from "./calculator.js";
import { setEquationTool } from "./setEquation.js";
import { solveEquationTool } from "./solveEquation.js";
import { countTool } from "./count.js";
import { solveInequalityTool } from "./solveInequality.js";
import { createCodeTool, type CodeToolOptions } from "./code.js";
import { defineTool } from "./define.js";

export { calculatorTool, setEquationTool, solveEquationTool, countTool, solveInequalityTool, createCodeTool, defineTool };
export type { CodeToolOptions };

export function createMathsTools(options: CodeToolOptions = {}): StructuredToolInterface[] {
  return [calculatorTool, setEquationTool, solveEquationTool, countTool, solveInequalityTool, createCodeTool(options), defineTool];
}
