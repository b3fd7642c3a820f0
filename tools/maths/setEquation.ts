import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { splitEquation, splitTopLevel } from "../../src/math/equations.js";
import { MathError } from "../../src/math/engine.js";

/** SetEquation(equation): records an equation (or a comma-separated system) for a later SolveEquation. */
export const setEquationTool = tool(
  async ({ equation }) => {
    const parts = splitTopLevel(equation);
    const bad = parts.find((p) => splitEquation(p) === null);
    if (parts.length === 0 || bad !== undefined) throw new MathError(`not an equation: "${bad ?? equation}"`);
    return parts.join(", ");
  },
  {
    name: "SetEquation",
    description: "Set up an equation to be solved",
    schema: z.object({ equation: z.string().describe("An equation such as 2x + 3 = 7, or several separated by commas") }),
  },
);
