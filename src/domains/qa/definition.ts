/**
 * The complex-QA domains as definitions: their options (QA model, knowledge source, retrieval), what they
 * require, and how the knowledge source is built from the options. `hotpotqa-distractor` names the offline
 * corpus of the HotpotQA distractor paragraphs in the data directory. The tools are loaded when a domain is created.
 */
import { z } from "zod";
import { ConfigurationError } from "../../core/errors.js";
import { errorMessage } from "../../errors/message.js";
import type { KnowledgeSource } from "../../qa/knowledgeSource.js";
import { hotpotDistractorPath } from "../../datasets/hotpotDistractor.js";
import { LocalCorpus } from "../../qa/localCorpus.js";
import { NO_KNOWLEDGE_SOURCE } from "../../qa/noKnowledge.js";
import { WIKIPEDIA_API, WikipediaSource } from "../../qa/wikipedia.js";
import { defineDomain, type DomainKit } from "../definition.js";
import { codeModelOption } from "../maths/definition.js";
import { option } from "../options.js";

/** The name of the offline corpus built from the HotpotQA distractor paragraphs in the data directory. */
export const HOTPOTQA_DISTRACTOR_CORPUS = "hotpotqa-distractor";

const qaOptions = z.object({
  qaModel: option.modelSpec("complex QA: the model behind QA actions and the final answer (the paper used GPT-3.5)"),
  codeModel: codeModelOption,
  corpus: option.text(
    `complex QA: offline pages for KnowledgeQuery: ${HOTPOTQA_DISTRACTOR_CORPUS} (the HotpotQA distractor paragraphs in the data directory) or a JSON/JSONL file of {title, text}`,
    "C",
  ),
  wikipedia: option.flag("complex QA: look pages up on Wikipedia (MediaWiki API) instead"),
  wikipediaApi: option.text(`complex QA: the MediaWiki API to use (default ${WIKIPEDIA_API})`, "URL"),
  embeddings: option.text("complex QA: rank ParagraphRetrieve sentences by embeddings (openai:<model> or ollama:<model>) instead of BM25", "SPEC"),
});

type QaOptions = z.infer<typeof qaOptions>;

async function knowledgeSource(options: QaOptions, kit: DomainKit): Promise<KnowledgeSource> {
  const online = options.wikipedia === true || options.wikipediaApi !== undefined;
  if (options.corpus && online) throw new ConfigurationError("choose one knowledge source: corpus or wikipedia");
  if (online) return new WikipediaSource({ apiURL: options.wikipediaApi });
  if (!options.corpus) return NO_KNOWLEDGE_SOURCE;
  const named = options.corpus === HOTPOTQA_DISTRACTOR_CORPUS;
  const path = named ? hotpotDistractorPath(kit.dataDir) : options.corpus;
  return kit.once(`corpus:${path}`, async () => {
    try {
      return named ? await LocalCorpus.fromHotpotDistractor(path) : await LocalCorpus.fromFile(path);
    } catch (error) {
      throw new ConfigurationError(`cannot load the corpus ${path}: ${errorMessage(error)}`);
    }
  });
}

function qaDefinition(name: "qa" | "qa-yesno", summary: string, yesNo: boolean) {
  return defineDomain({
    name,
    summary,
    options: qaOptions,
    requires: [
      { options: ["qaModel"], what: "a QA model" },
      { options: ["corpus", "wikipedia", "wikipediaApi"], what: "a knowledge source" },
    ],
    create: async (options, kit) => {
      const knowledge = await knowledgeSource(options, kit);
      const qaModel = options.qaModel ? await kit.languageModel(options.qaModel, { maxTokens: 100 }) : undefined;
      const codeModel = options.codeModel ? await kit.languageModel(options.codeModel) : undefined;
      const retrieve = options.embeddings ? { embeddings: await kit.embeddings(options.embeddings) } : undefined;
      // the domain's tools (LangChain) are loaded when it is created, not with its definition
      const { createQaDomain } = await import("./index.js");
      return createQaDomain({ yesNo, knowledge, qaModel, codeModel, retrieve });
    },
  });
}

export const qaDomain = qaDefinition("qa", "HotpotQA: KnowledgeQuery, ParagraphRetrieve, QA, Calculator, Code over a corpus or Wikipedia", false);
export const qaYesNoDomain = qaDefinition("qa-yesno", "StrategyQA: the complex-QA tools with yes/no final answers", true);
