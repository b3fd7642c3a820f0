/** The multimodal action list as LangChain tools: VQA over the task's image, QA over earlier answers. */
import { createQaTool } from "../qa/qa.js";
import { createVqaTool, type VqaToolOptions } from "./vqa.js";

export function createMultimodalTools(options: VqaToolOptions) {
  return [createVqaTool(options), createQaTool({ qaModel: options.qaModel })];
}

export { createVqaTool };
