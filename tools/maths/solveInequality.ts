import { z } from "zod";
import { runMathsJob, type MathsIsolationOptions } from "./isolation.js";
import { MathsJobTool } from "./jobTool.js";

/** SolveInequality(inequality): linear inequalities in one unknown, e.g. `2x + 3 > 7` gives `x > 2`. */
export function createSolveInequalityTool(options: MathsIsolationOptions = {}) {
  return new MathsJobTool({
    name: "SolveInequality",
    description: "Solve the previous set inequality",
    schema: z.object({ inequality: z.string().describe("An inequality in one unknown, e.g. 2x + 3 > 7") }),
    run: ({ inequality }, signal) => runMathsJob<string>(options, "maths.solveInequality", { inequality }, signal),
  });
}

export const solveInequalityTool = createSolveInequalityTool();
