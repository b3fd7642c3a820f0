import { z } from "zod";
import type { EquationSolution } from "../../src/math/equations.js";
import { runMathsJob, type MathsIsolationOptions } from "./isolation.js";
import { MathsJobTool } from "./jobTool.js";

/**
 * SolveEquation(equation): one value per unknown, unknowns in alphabetical order (`R5, R6 = ...` stores x
 * then y). The values are also returned as the tool message's artifact so the executor can split them.
 */
export function createSolveEquationTool(options: MathsIsolationOptions = {}) {
  return new MathsJobTool({
    name: "SolveEquation",
    description: "Solve the previous set equation",
    schema: z.object({ equation: z.string().describe("Equation(s) to solve, e.g. x + y = 10, x - y = 2") }),
    responseFormat: "content_and_artifact",
    run: async ({ equation }, signal) => {
      const { values } = await runMathsJob<EquationSolution>(options, "maths.solveEquations", { equation }, signal);
      return [values.join(", "), values] as [string, string[]];
    },
  });
}

export const solveEquationTool = createSolveEquationTool();
