import { tool } from "@langchain/core/tools";
import type { BaseLanguageModelInterface } from "@langchain/core/language_models/base";
import { z } from "zod";
import { isNoAnswer } from "../../src/qa/answers.js";
import { askQa } from "../../src/qa/askQa.js";
import type { KnowledgeSource } from "../../src/qa/knowledgeSource.js";
import { pageToEntries } from "../../src/qa/page.js";
import { retrieveEvidence, type RetrieveOptions } from "../../src/qa/retrieve.js";

export interface QaToolOptions {
  qaModel?: BaseLanguageModelInterface;
  /** Where to look when the context has no answer (the reference searched the web for a Wikipedia page). */
  knowledge?: KnowledgeSource;
  retrieve?: RetrieveOptions;
}

/**
 * QA([R2], Question: q): asks the QA model with the exact prompts and fallbacks and returns
 * `Question: q; Answer: a`. When the answer is still missing it looks the question up in the knowledge
 * source and asks again over the retrieved evidence; failing that it returns `No answer.` as the reference.
 */
export function createQaTool(options: QaToolOptions = {}) {
  return tool(
    async ({ context, question }, config) => {
      const first = await askQa(options.qaModel, question, context, config?.signal);
      if (!isNoAnswer(first) || !options.knowledge) return isNoAnswer(first) ? "No answer." : first;
      const page = await options.knowledge.lookup(question, config?.signal);
      if (page) {
        const evidence = await retrieveEvidence(pageToEntries(page), question, options.retrieve);
        const second = await askQa(options.qaModel, question, evidence, config?.signal);
        if (!isNoAnswer(second)) return second;
      }
      return "No answer.";
    },
    {
      name: "QA",
      description: "Given context, answer the given query",
      schema: z.object({
        context: z.string().describe("Evidence to answer from (the values of the listed R variables)"),
        question: z.string().describe("The question to answer"),
      }),
    },
  );
}
