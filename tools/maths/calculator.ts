import { z } from "zod";
import { runMathsJob, type MathsIsolationOptions } from "./isolation.js";
import { MathsJobTool } from "./jobTool.js";

/** Calculator(formula): arithmetic, comparisons and symbolic simplification; equations combine side by side. */
export function createCalculatorTool(options: MathsIsolationOptions = {}) {
  return new MathsJobTool({
    name: "Calculator",
    description: "Calculate the input formula",
    schema: z.object({ formula: z.string().describe("The formula to calculate, e.g. 16 - 3 - 4") }),
    run: ({ formula }, signal) => runMathsJob<string>(options, "maths.calculate", { formula }, signal),
  });
}

export const calculatorTool = createCalculatorTool();
