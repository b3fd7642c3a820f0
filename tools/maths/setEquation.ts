import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { runMathsJob, type MathsIsolationOptions } from "./isolation.js";

/** SetEquation(equation): records an equation (or a comma-separated system) for a later SolveEquation. */
export function createSetEquationTool(options: MathsIsolationOptions = {}) {
  return tool(async ({ equation }, config) => runMathsJob<string>(options, "maths.setEquation", { equation }, config?.signal), {
    name: "SetEquation",
    description: "Set up an equation to be solved",
    schema: z.object({ equation: z.string().describe("An equation such as 2x + 3 = 7, or several separated by commas") }),
  });
}

export const setEquationTool = createSetEquationTool();
