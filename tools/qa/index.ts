/** The complex-QA action list as LangChain tools. */
import type { StructuredToolInterface } from "@langchain/core/tools";
import type { BaseLanguageModelInterface } from "@langchain/core/language_models/base";
import type { KnowledgeSource } from "../../src/qa/knowledgeSource.js";
import type { RetrieveOptions } from "../../src/qa/retrieve.js";
import { createCodeTool, type CodeToolOptions } from "../maths/code.js";
import { createQaCalculatorTool } from "./calculator.js";
import { createKnowledgeQueryTool } from "./knowledgeQuery.js";
import { createParagraphRetrieveTool } from "./paragraphRetrieve.js";
import { createQaTool } from "./qa.js";

export { createKnowledgeQueryTool, createParagraphRetrieveTool, createQaTool, createQaCalculatorTool };

export interface QaToolsOptions extends CodeToolOptions {
  knowledge: KnowledgeSource;
  qaModel?: BaseLanguageModelInterface;
  retrieve?: RetrieveOptions;
}

export function createQaTools(options: QaToolsOptions): StructuredToolInterface[] {
  return [
    createKnowledgeQueryTool(options.knowledge),
    createParagraphRetrieveTool(options.retrieve),
    createQaTool({ qaModel: options.qaModel, knowledge: options.knowledge, retrieve: options.retrieve }),
    createQaCalculatorTool({ qaModel: options.qaModel }),
    createCodeTool(options),
  ];
}
