import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { runMathsJob, type MathsIsolationOptions } from "./isolation.js";

/** Calculator(formula): arithmetic, comparisons and symbolic simplification; equations combine side by side. */
export function createCalculatorTool(options: MathsIsolationOptions = {}) {
  return tool(async ({ formula }, config) => runMathsJob<string>(options, "maths.calculate", { formula }, config?.signal), {
    name: "Calculator",
    description: "Calculate the input formula",
    schema: z.object({ formula: z.string().describe("The formula to calculate, e.g. 16 - 3 - 4") }),
  });
}

export const calculatorTool = createCalculatorTool();
