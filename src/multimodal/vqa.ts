/**
 * Visual question answering, two ways. With a vision-language chat model (LLaVA behind vLLM, GPT-4o, Ollama's
 * llava, Claude) the question goes with the image as an image content part (a base64 data URL) in LLaVA-1.5's
 * short-answer prompt. Without one, the caption backend asks the QA model over the image's caption: a
 * stand-in that sees only what the caption says, so its numbers are not the paper's (LLaVA-1.5 saw the image).
 * Both return `Question: q; Answer: a`, the form the QA tool returns.
 */
import type { BaseLanguageModelInterface } from "@langchain/core/language_models/base";
import { HumanMessage } from "@langchain/core/messages";
import { askQa } from "../qa/askQa.js";
import { textOf } from "../models/text.js";
import { pyStrip } from "../protocol/pythonStrip.js";

/** LLaVA-1.5's prompt for short answers (its VQAv2 and A-OKVQA direct-answer evaluations). */
export function vqaPrompt(question: string): string {
  return `${question}\nAnswer the question using a single word or phrase.`;
}

/** The message a vision model receives: the prompt and the image as content parts. */
export function vqaMessage(question: string, imageDataUrl: string): HumanMessage {
  return new HumanMessage({
    content: [
      { type: "text", text: vqaPrompt(question) },
      { type: "image_url", image_url: { url: imageDataUrl } },
    ],
  });
}

export async function askVision(model: BaseLanguageModelInterface, question: string, imageDataUrl: string, signal?: AbortSignal): Promise<string> {
  const reply = await model.invoke([vqaMessage(question, imageDataUrl)], { signal });
  const answer = pyStrip(textOf(reply)).replace(/^Answer:\s*/i, "");
  return `Question: ${question}; Answer: ${answer}`;
}

/** The caption backend: the QA model's answer over the caption, with the QA tool's prompts and fallbacks. */
export async function askOverCaption(qaModel: BaseLanguageModelInterface | undefined, question: string, caption: string, signal?: AbortSignal): Promise<string> {
  return askQa(qaModel, question, `Image caption: ${caption}`, signal);
}
