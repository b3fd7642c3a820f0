import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { solveInequality } from "../../src/math/equations.js";

/** SolveInequality(inequality): linear inequalities in one unknown, e.g. `2x + 3 > 7` gives `x > 2`. */
export const solveInequalityTool = tool(async ({ inequality }) => solveInequality(inequality), {
  name: "SolveInequality",
  description: "Solve the previous set inequality",
  schema: z.object({ inequality: z.string().describe("An inequality in one unknown, e.g. 2x + 3 > 7") }),
});
