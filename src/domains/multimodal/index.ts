/**
 * The multimodal domain (A-OKVQA, ScienceQA): `VQA` over the task's image (a vision-language chat model, or
 * the QA model over the image's caption) and `QA` over earlier answers, the image as the task's environment,
 * described in the first planning turn. The action list and the description template can be replaced by the
 * exact strings of the released checkpoints' training data. The answer is the last action's answer.
 */
import type { BaseLanguageModelInterface } from "@langchain/core/language_models/base";
import { lastVariable } from "../../actions/variables.js";
import { MULTIMODAL_ACTIONS } from "../../protocol/constants.js";
import { answerAfterMarker } from "../../qa/answers.js";
import type { ImageLimits } from "../../multimodal/image.js";
import { mapAnswerToOption } from "../../multimodal/optionAnswer.js";
import { optionLetter, parseLetteredOptions } from "../../datasets/multipleChoice.js";
import { createMultimodalTools } from "../../../tools/multimodal/index.js";
import { createDomain } from "../defaults.js";
import type { LumosDomain } from "../types.js";
import { bindMultimodalArguments } from "./bindArguments.js";
import { multimodalDemonstrations } from "./demonstrations.js";
import { imageEnvironment } from "./environment.js";
import { multimodalActionForms } from "./actionForms.js";
import type { AnswerForm } from "./answerForms.js";

export interface MultimodalDomainOptions {
  /** A vision-language chat model for VQA; without one, VQA answers over the caption with the QA model. */
  visionModel?: BaseLanguageModelInterface;
  qaModel?: BaseLanguageModelInterface;
  imagesDir?: string;
  imageLimits?: Partial<ImageLimits>;
  /** The action-list text (default: the reconstruction in MULTIMODAL_ACTIONS). */
  actionList?: string;
  /** The environment description template, with `{caption}` (default "An image. Caption: {caption}"). */
  imageDescription?: string;
  /**
   * How the answer of a task with lettered options (`A. ...` lines) is given: its option's letter (default;
   * ScienceQA is scored on letters), the option's text (A-OKVQA's multiple choice compares texts), or the
   * answer as the agent wrote it. An answer that names no option stays as written.
   */
  answerAs?: AnswerForm;
}

export { ANSWER_FORMS, type AnswerForm } from "./answerForms.js";

/** The answer in the form asked for, when the task lists options and the answer names one of them. */
export function answerForTask(task: string, answer: string, form: AnswerForm = "letter"): string {
  if (form === "free") return answer;
  const options = parseLetteredOptions(task)?.options;
  const index = options ? mapAnswerToOption(answer, options) : null;
  if (!options || index === null) return answer;
  return form === "letter" ? optionLetter(index) : options[index];
}

/** The answer in a `Question: q; Answer: a` value, else the value. */
function answerOf(value: string): string {
  return (answerAfterMarker(value) ?? value).trim();
}

export function createMultimodalDomain(options: MultimodalDomainOptions): LumosDomain {
  const actionList = options.actionList ?? MULTIMODAL_ACTIONS;
  return createDomain({
    name: "multimodal",
    actionList,
    tools: createMultimodalTools({ visionModel: options.visionModel, qaModel: options.qaModel }),
    environment: imageEnvironment({
      backend: options.visionModel ? "vision" : "caption",
      imagesDir: options.imagesDir,
      limits: options.imageLimits,
      description: options.imageDescription,
    }),
    bindArguments: bindMultimodalArguments,
    finalAnswer: async ({ task, results }) => {
      const last = "Output" in results ? "Output" : lastVariable(results);
      return last === undefined ? null : answerForTask(task, answerOf(results[last]), options.answerAs);
    },
    demonstrations: multimodalDemonstrations(actionList),
    actionForms: multimodalActionForms,
  });
}
