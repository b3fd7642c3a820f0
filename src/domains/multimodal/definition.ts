/**
 * The multimodal domain as a definition: the VQA backend (a vision chat model, or the caption backend), the QA
 * model, where images are, and the two strings a user may replace with the released checkpoints' exact ones.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { ConfigurationError } from "../../core/errors.js";
import { errorMessage } from "../../errors/message.js";
import { parseModelSpec } from "../../models/spec.js";
import { defineDomain } from "../definition.js";
import { option } from "../options.js";
import { ANSWER_FORMS, type AnswerForm } from "./answerForms.js";

/** A text option, or `@FILE` for the text of a file (action lists are several lines long). */
function textOrFile(value: string | undefined, flag: string): string | undefined {
  if (value === undefined || !value.startsWith("@")) return value;
  try {
    return readFileSync(value.slice(1), "utf8");
  } catch (error) {
    throw new ConfigurationError(`${flag} ${value}: cannot read the file: ${errorMessage(error)}`);
  }
}

export const multimodalDomain = defineDomain({
  name: "multimodal",
  summary: "A-OKVQA, ScienceQA: VQA over the task's image (a vision chat model, or the QA model over the caption) and QA",
  options: z.object({
    vqaModel: option.modelSpec("multimodal: the vision-language chat model behind VQA (openai:gpt-4o, ollama:llava, anthropic:<model>, or openai:<model> at an OpenAI-compatible vLLM server serving LLaVA)"),
    captions: option.flag("multimodal: answer VQA with the QA model over the image's caption instead of a vision model"),
    qaModel: option.modelSpec("complex QA and multimodal: the model behind QA actions (and VQA with --captions)"),
    imagesDir: option.text("multimodal: the folder task images are relative to (ScienceQA: its test images; A-OKVQA: COCO 2017)", "DIR"),
    maxImageSide: option.count("multimodal: longer side, in pixels, an image is scaled down to before it is sent (default 1024)"),
    actionList: option.text("multimodal: the action-list text to use instead of the built-in reconstruction (@FILE reads a file)", "TEXT"),
    imageDescription: option.text('multimodal: the environment description template, {caption} for the caption (default "An image. Caption: {caption}")', "TEMPLATE"),
    answerAs: option.text("multimodal: the answer to a task with lettered options: letter (default), choice (the option's text) or free", "FORM"),
  }),
  requires: [{ options: ["vqaModel", "captions"], what: "a VQA backend" }],
  create: async (options, kit) => {
    if (options.answerAs !== undefined && !(ANSWER_FORMS as readonly string[]).includes(options.answerAs)) {
      throw new ConfigurationError(`--answer-as ${options.answerAs}: expected ${ANSWER_FORMS.join(", ")}`);
    }
    if (options.vqaModel && options.captions) throw new ConfigurationError("choose one VQA backend: --vqa-model or --captions");
    if (options.captions && !options.qaModel) throw new ConfigurationError("the caption backend answers with the QA model: pass --qa-model");
    if (options.vqaModel && parseModelSpec(options.vqaModel).kind !== "chat") {
      throw new ConfigurationError(`--vqa-model ${options.vqaModel}: VQA sends images, which needs a chat model spec (openai:, ollama:, anthropic:)`);
    }
    const visionModel = options.vqaModel ? await kit.languageModel(options.vqaModel, { maxTokens: 100 }) : undefined;
    const qaModel = options.qaModel ? await kit.languageModel(options.qaModel, { maxTokens: 100 }) : undefined;
    // the domain's image handling (sharp) and tools are loaded when it is created
    const { createMultimodalDomain } = await import("./index.js");
    return createMultimodalDomain({
      visionModel,
      qaModel,
      imagesDir: options.imagesDir,
      imageLimits: options.maxImageSide ? { maxSide: options.maxImageSide } : {},
      actionList: textOrFile(options.actionList, "--action-list"),
      imageDescription: textOrFile(options.imageDescription, "--image-description"),
      answerAs: options.answerAs as AnswerForm | undefined,
    });
  },
});
