import { tool } from "@langchain/core/tools";
import { z } from "zod";
import type { KnowledgeSource } from "../../src/qa/knowledgeSource.js";
import { pageToEntries } from "../../src/qa/page.js";

/** KnowledgeQuery(query): the best page from the knowledge source, one `Title *** sentence` entry per line. */
export function createKnowledgeQueryTool(source: KnowledgeSource) {
  return tool(
    async ({ query }, config) => {
      const page = await source.lookup(query, config?.signal);
      return page ? pageToEntries(page) : `No result: no page for "${query}" in ${source.name}.`;
    },
    {
      name: "KnowledgeQuery",
      description: "Capture the relevant webpages according to the query",
      schema: z.object({ query: z.string().describe("An entity or topic, e.g. Scott Derrickson") }),
    },
  );
}
