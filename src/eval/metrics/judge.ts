/** LLM-judge accuracy with the paper's judge prompt; a reply of exactly `CORRECT` (stripped) counts. */
import type { BaseLanguageModelInterface } from "@langchain/core/language_models/base";
import { textOf } from "../../models/text.js";
import { pyStrip } from "../../protocol/pythonStrip.js";

export function judgePrompt(question: string, prediction: string, groundTruth: string): string {
  return `Please judge whether the model prediction can be regarded as correct according to the given question and its ground-truth answer. Please answer 'CORRECT' or 'INCORRECT'. No more details and explanations.\n\nQuestion: ${question}\nModel prediction: ${prediction}\nGround-truth answer: ${groundTruth}\n`;
}

export async function judgeCorrect(model: BaseLanguageModelInterface, question: string, prediction: string, groundTruth: string): Promise<number> {
  const reply = textOf(await model.invoke(judgePrompt(question, prediction, groundTruth)));
  return pyStrip(reply) === "CORRECT" ? 1 : 0;
}
