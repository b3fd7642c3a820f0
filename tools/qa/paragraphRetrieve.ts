import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { retrieveEvidence, type RetrieveOptions } from "../../src/qa/retrieve.js";

/** ParagraphRetrieve(context, Query: q): the top-5 sentences of a KnowledgeQuery result, `Evidence i: ...` lines. */
export function createParagraphRetrieveTool(options: RetrieveOptions = {}) {
  return tool(async ({ context, query }) => retrieveEvidence(context, query, options), {
    name: "ParagraphRetrieve",
    description: "Given a query, retrieve the most relevant paragraphs from the given context",
    schema: z.object({
      context: z.string().describe("A KnowledgeQuery result"),
      query: z.string().describe("What the paragraphs should answer"),
    }),
  });
}
