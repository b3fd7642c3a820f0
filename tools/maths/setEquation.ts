import { z } from "zod";
import { runMathsJob, type MathsIsolationOptions } from "./isolation.js";
import { MathsJobTool } from "./jobTool.js";

/** SetEquation(equation): records an equation (or a comma-separated system) for a later SolveEquation. */
export function createSetEquationTool(options: MathsIsolationOptions = {}) {
  return new MathsJobTool({
    name: "SetEquation",
    description: "Set up an equation to be solved",
    schema: z.object({ equation: z.string().describe("An equation such as 2x + 3 = 7, or several separated by commas") }),
    run: ({ equation }, signal) => runMathsJob<string>(options, "maths.setEquation", { equation }, signal),
  });
}

export const setEquationTool = createSetEquationTool();
