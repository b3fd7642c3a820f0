import { tool } from "@langchain/core/tools";
import type { BaseLanguageModelInterface } from "@langchain/core/language_models/base";
import { z } from "zod";
import { taskEnvironment } from "../../src/domains/environment.js";
import type { ImageTaskEnvironment } from "../../src/domains/multimodal/environment.js";
import { askOverCaption, askVision } from "../../src/multimodal/vqa.js";

export interface VqaToolOptions {
  /** A vision-language chat model; without one, the QA model answers over the caption. */
  visionModel?: BaseLanguageModelInterface;
  qaModel?: BaseLanguageModelInterface;
}

/** VQA([IMG], Question: q): the task's image and the question to the VQA backend; `Question: q; Answer: a`. */
export function createVqaTool(options: VqaToolOptions) {
  return tool(
    async ({ question }, config) => {
      const environment = taskEnvironment<ImageTaskEnvironment>(config);
      if (!environment || (environment.image === undefined && environment.caption === undefined)) {
        throw new Error("this task has no image (give it an environment such as { image, caption })");
      }
      if (options.visionModel) {
        if (!environment.image) throw new Error("the task has no image for the vision model");
        return askVision(options.visionModel, question, environment.image.dataUrl, config?.signal);
      }
      return askOverCaption(options.qaModel, question, environment.caption ?? "", config?.signal);
    },
    {
      name: "VQA",
      description: "Answer the query about the given image",
      schema: z.object({ question: z.string().describe("A question about the task's image, e.g. What is the man holding?") }),
    },
  );
}
