import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { runMathsJob, type MathsIsolationOptions } from "./isolation.js";

/** SolveInequality(inequality): linear inequalities in one unknown, e.g. `2x + 3 > 7` gives `x > 2`. */
export function createSolveInequalityTool(options: MathsIsolationOptions = {}) {
  return tool(async ({ inequality }, config) => runMathsJob<string>(options, "maths.solveInequality", { inequality }, config?.signal), {
    name: "SolveInequality",
    description: "Solve the previous set inequality",
    schema: z.object({ inequality: z.string().describe("An inequality in one unknown, e.g. 2x + 3 > 7") }),
  });
}

export const solveInequalityTool = createSolveInequalityTool();
