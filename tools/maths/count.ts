import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { countItems } from "../../src/math/count.js";

/** Count(list): number of items; `a, b, ..., z` and `3, 6, ..., 99` count the whole arithmetic sequence. */
export const countTool = tool(async ({ list }) => countItems(list), {
  name: "Count",
  description: "Count the number of elements in the given list",
  schema: z.object({ list: z.string().describe("Comma-separated items, optionally with ... for a sequence") }),
});
