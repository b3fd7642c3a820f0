import { tool } from "@langchain/core/tools";
import { z } from "zod";
import type { EquationSolution } from "../../src/math/equations.js";
import { runMathsJob, type MathsIsolationOptions } from "./isolation.js";

/**
 * SolveEquation(equation): one value per unknown, unknowns in alphabetical order (`R5, R6 = ...` stores x
 * then y). The values are also returned as the tool message's artifact so the executor can split them.
 */
export function createSolveEquationTool(options: MathsIsolationOptions = {}) {
  return tool(
    async ({ equation }, config) => {
      const { values } = await runMathsJob<EquationSolution>(options, "maths.solveEquations", { equation }, config?.signal);
      return [values.join(", "), values] as [string, string[]];
    },
    {
      name: "SolveEquation",
      description: "Solve the previous set equation",
      schema: z.object({ equation: z.string().describe("Equation(s) to solve, e.g. x + y = 10, x - y = 2") }),
      responseFormat: "content_and_artifact",
    },
  );
}

export const solveEquationTool = createSolveEquationTool();
