import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { evaluateFormula } from "../../src/math/engine.js";
import { combineEquations, containsEquation } from "../../src/math/combineEquations.js";

/** Calculator(formula): arithmetic, comparisons and symbolic simplification; equations combine side by side. */
export const calculatorTool = tool(
  async ({ formula }) => (containsEquation(formula) ? combineEquations(formula) : evaluateFormula(formula).text),
  {
    name: "Calculator",
    description: "Calculate the input formula",
    schema: z.object({ formula: z.string().describe("The formula to calculate, e.g. 16 - 3 - 4") }),
  },
);
