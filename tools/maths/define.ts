import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { runMathsJob, type MathsIsolationOptions } from "./isolation.js";

/** Define(variable/number): a number is normalised (`2.50` -> `2.5`); an expression is kept as written. */
export function createDefineTool(options: MathsIsolationOptions = {}) {
  return tool(async ({ value }, config) => runMathsJob<string>(options, "maths.define", { value }, config?.signal), {
    name: "Define",
    description: "Define a variable or a number for latter usage",
    schema: z.object({ value: z.string().describe("A number or an expression such as n - 2") }),
  });
}

export const defineTool = createDefineTool();
