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
import { createMultimodalTools } from "../../../tools/multimodal/index.js";
import { createDomain } from "../defaults.js";
import type { LumosDomain } from "../types.js";
import { bindMultimodalArguments } from "./bindArguments.js";
import { multimodalDemonstrations } from "./demonstrations.js";
import { imageEnvironment } from "./environment.js";

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
    finalAnswer: async ({ results }) => {
      if ("Output" in results) return answerOf(results.Output);
      const last = lastVariable(results);
      return last === undefined ? null : answerOf(results[last]);
    },
    demonstrations: multimodalDemonstrations(actionList),
  });
}
