import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { runMathsJob, type MathsIsolationOptions } from "./isolation.js";

/** Count(list): number of items; `a, b, ..., z` and `3, 6, ..., 99` count the whole arithmetic sequence. */
export function createCountTool(options: MathsIsolationOptions = {}) {
  return tool(async ({ list }, config) => runMathsJob<string>(options, "maths.count", { list }, config?.signal), {
    name: "Count",
    description: "Count the number of elements in the given list",
    schema: z.object({ list: z.string().describe("Comma-separated items, optionally with ... for a sequence") }),
  });
}

export const countTool = createCountTool();
