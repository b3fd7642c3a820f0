import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { evaluateFormula } from "../../src/math/engine.js";

/** Define(variable/number): a number is normalised (`2.50` -> `2.5`); an expression is kept as written. */
export const defineTool = tool(
  async ({ value }) => {
    try {
      const evaluated = evaluateFormula(value);
      return evaluated.kind === "number" ? evaluated.text : value.trim();
    } catch {
      return value.trim();
    }
  },
  {
    name: "Define",
    description: "Define a variable or a number for latter usage",
    schema: z.object({ value: z.string().describe("A number or an expression such as n - 2") }),
  },
);
