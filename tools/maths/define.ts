import { z } from "zod";
import { runMathsJob, type MathsIsolationOptions } from "./isolation.js";
import { MathsJobTool } from "./jobTool.js";

/** Define(variable/number): a number is normalised (`2.50` -> `2.5`); an expression is kept as written. */
export function createDefineTool(options: MathsIsolationOptions = {}) {
  return new MathsJobTool({
    name: "Define",
    description: "Define a variable or a number for latter usage",
    schema: z.object({ value: z.string().describe("A number or an expression such as n - 2") }),
    run: ({ value }, signal) => runMathsJob<string>(options, "maths.define", { value }, signal),
  });
}

export const defineTool = createDefineTool();
