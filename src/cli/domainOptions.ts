/** CLI flags that configure a domain's tools: the code model, the QA model and the knowledge source. */
import type { DomainOptions } from "../domains/registry.js";
import { createLanguageModel } from "../models/fromSpec.js";
import { createEmbeddings } from "../models/embeddings.js";
import { hotpotDistractorPath, LocalCorpus } from "../qa/localCorpus.js";
import { WikipediaSource, WIKIPEDIA_API } from "../qa/wikipedia.js";
import type { KnowledgeSource } from "../qa/knowledgeSource.js";
import { requireModelSpec } from "./options.js";
import { UsageError } from "./usageError.js";

export const DOMAIN_FLAGS = {
  "code-model": { type: "string" },
  "qa-model": { type: "string" },
  corpus: { type: "string" },
  wikipedia: { type: "boolean" },
  "wikipedia-api": { type: "string" },
  embeddings: { type: "string" },
} as const;

export const DOMAIN_FLAGS_HELP = `  --code-model SPEC         model that writes JavaScript for Code actions that are not simple forms
  --qa-model SPEC           complex QA: the model behind QA actions and the final answer (the paper used GPT-3.5)
  --corpus C                complex QA: offline pages for KnowledgeQuery: hotpotqa-distractor (the HotpotQA
                            distractor paragraphs in the data directory) or a JSON/JSONL file of {title, text}
  --wikipedia               complex QA: look pages up on Wikipedia (MediaWiki API) instead
  --wikipedia-api URL       the MediaWiki API to use (default ${WIKIPEDIA_API})
  --embeddings SPEC         complex QA: rank ParagraphRetrieve sentences by embeddings (openai:<model> or
                            ollama:<model>) instead of BM25`;

export async function loadKnowledge(corpus: string | undefined, wikipedia: boolean, wikipediaApi: string | undefined, dataDir: string): Promise<KnowledgeSource | undefined> {
  if (corpus && (wikipedia || wikipediaApi)) throw new UsageError("choose one knowledge source: --corpus or --wikipedia");
  if (wikipedia || wikipediaApi) return new WikipediaSource({ apiURL: wikipediaApi });
  if (!corpus) return undefined;
  const path = corpus === "hotpotqa-distractor" ? hotpotDistractorPath(dataDir) : corpus;
  try {
    return corpus === "hotpotqa-distractor" ? await LocalCorpus.fromHotpotDistractor(path) : await LocalCorpus.fromFile(path);
  } catch (error) {
    throw new UsageError(`cannot load the corpus ${path}: ${(error as Error).message}`);
  }
}

export async function domainOptionsFromFlags(values: Record<string, string | boolean | undefined>, dataDir: string): Promise<DomainOptions> {
  const spec = (flag: string) => (typeof values[flag] === "string" ? requireModelSpec(values[flag] as string, `--${flag}`) : undefined);
  const codeSpec = spec("code-model");
  const qaSpec = spec("qa-model");
  const embeddingsSpec = typeof values.embeddings === "string" ? values.embeddings : undefined;
  let retrieve;
  try {
    retrieve = embeddingsSpec ? { embeddings: await createEmbeddings(embeddingsSpec) } : undefined;
  } catch (error) {
    throw new UsageError(`--embeddings: ${(error as Error).message}`);
  }
  return {
    retrieve,
    codeModel: codeSpec ? await createLanguageModel(codeSpec) : undefined,
    qaModel: qaSpec ? await createLanguageModel(qaSpec, { maxTokens: 100 }) : undefined,
    knowledge: await loadKnowledge(values.corpus as string | undefined, values.wikipedia === true, values["wikipedia-api"] as string | undefined, dataDir),
  };
}
