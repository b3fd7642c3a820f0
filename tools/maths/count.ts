import { z } from "zod";
import { runMathsJob, type MathsIsolationOptions } from "./isolation.js";
import { MathsJobTool } from "./jobTool.js";

/** Count(list): number of items; `a, b, ..., z` and `3, 6, ..., 99` count the whole arithmetic sequence. */
export function createCountTool(options: MathsIsolationOptions = {}) {
  return new MathsJobTool({
    name: "Count",
    description: "Count the number of elements in the given list",
    schema: z.object({ list: z.string().describe("Comma-separated items, optionally with ... for a sequence") }),
    run: ({ list }, signal) => runMathsJob<string>(options, "maths.count", { list }, signal),
  });
}

export const countTool = createCountTool();
