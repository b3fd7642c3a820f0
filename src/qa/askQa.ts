/**
 * The QA model calls of the reference, with their exact prompts and fallbacks: with context first; on
 * "No answer" without context, or, for a question that must be answered yes/no, forced to answer.
 */
import type { BaseLanguageModelInterface } from "@langchain/core/language_models/base";
import { HumanMessage } from "@langchain/core/messages";
import { textOf } from "../models/text.js";
import { pyStrip } from "../protocol/pythonStrip.js";

export const YES_NO_SUFFIX = " Must answer yes/no.";

export const qaPrompts = {
  withContext: (question: string, context: string) =>
    `Please answer the following question according to the context. Please answer with one brief entity, beginning with 'Answer: '. If the answer can't be found in the context, answer 'No answer'. No more details and explanations.\n\nQuestion: ${question}\nContext: ${context}\n`,
  withoutContext: (question: string) =>
    `Please answer the following question. Please answer with one brief entity, beginning with 'Answer: '. If the answer can't be answered, output 'No answer'. No more details and explanations.\n\nQuestion: ${question}\n`,
  forcedYesNo: (question: string) => `Please answer the following question. Please answer with one brief entity, beginning with 'Answer: '.\n\nQuestion: ${question}\n`,
};

export class MissingQaModelError extends Error {
  override name = "MissingQaModelError";
}

async function ask(model: BaseLanguageModelInterface, prompt: string, signal?: AbortSignal): Promise<string> {
  const reply = await model.invoke([new HumanMessage(prompt)], { signal });
  return pyStrip(textOf(reply));
}

/** `Question: {q}; {reply}`, as the reference's QA tool returned it. */
export async function askQa(model: BaseLanguageModelInterface | undefined, question: string, context: string, signal?: AbortSignal): Promise<string> {
  if (!model) throw new MissingQaModelError("QA needs a QA model: pass --qa-model SPEC (or qaModel in code)");
  let reply = await ask(model, qaPrompts.withContext(question, context), signal);
  if (reply.includes("No answer")) {
    reply = await ask(model, question.includes("Must answer yes/no") ? qaPrompts.forcedYesNo(question) : qaPrompts.withoutContext(question), signal);
  }
  return `Question: ${question}; ${reply}`;
}
