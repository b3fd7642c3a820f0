/** Built-in domains by name, for the CLI, configuration files and Studio. */
import type { BaseLanguageModelInterface } from "@langchain/core/language_models/base";
import { createMathsDomain } from "./maths/index.js";
import { createQaDomain } from "./qa/index.js";
import type { LumosDomain } from "./types.js";
import type { KnowledgeSource } from "../qa/knowledgeSource.js";
import type { RetrieveOptions } from "../qa/retrieve.js";
import { NO_KNOWLEDGE_SOURCE } from "../qa/noKnowledge.js";

export interface DomainOptions {
  /** Model for Code actions that are not simple forms. */
  codeModel?: BaseLanguageModelInterface;
  /** Complex QA: the model behind QA actions and the final answer. */
  qaModel?: BaseLanguageModelInterface;
  /** Complex QA: where KnowledgeQuery looks pages up. */
  knowledge?: KnowledgeSource;
  /** Complex QA: how ParagraphRetrieve ranks sentences (BM25 by default, or embeddings). */
  retrieve?: RetrieveOptions;
}

const BUILT_IN: Record<string, (options: DomainOptions) => LumosDomain> = {
  maths: (options) => createMathsDomain({ codeModel: options.codeModel }),
  qa: (options) => createQaDomain({ ...options, knowledge: options.knowledge ?? NO_KNOWLEDGE_SOURCE }),
  "qa-yesno": (options) => createQaDomain({ ...options, knowledge: options.knowledge ?? NO_KNOWLEDGE_SOURCE, yesNo: true }),
};

export const DOMAIN_NAMES = Object.keys(BUILT_IN);

export class UnknownDomainError extends Error {
  override name = "UnknownDomainError";
}

export function getDomain(name: string, options: DomainOptions = {}): LumosDomain {
  const factory = BUILT_IN[name];
  if (!factory) throw new UnknownDomainError(`unknown domain "${name}" (available: ${DOMAIN_NAMES.join(", ")})`);
  return factory(options);
}

/** What a built-in domain cannot work without, as a message for the user; undefined when all is there. */
export function missingDomainOptions(name: string, options: DomainOptions): string | undefined {
  if (name !== "qa" && name !== "qa-yesno") return undefined;
  const missing = [
    ...(options.qaModel ? [] : ["a QA model (--qa-model SPEC)"]),
    ...(options.knowledge ? [] : ["a knowledge source (--corpus FILE, --corpus hotpotqa-distractor or --wikipedia)"]),
  ];
  return missing.length === 0 ? undefined : `the ${name} domain needs ${missing.join(" and ")}`;
}
