/**
 * Multimodal argument binding:
 *   VQA([IMG], Question: q)   -> { question }  (also `VQA(<img>, q)` and `VQA(IMG, q)`: the image is the task's)
 *   QA([R1, R2], Question: q) -> { context: the values joined by lines, question }
 * R variables holding `Question: ...; Answer: a` results stand for their answer inside questions.
 */
import type { ParsedAction } from "../../actions/types.js";
import { referencedVariables, substituteVariables } from "../../actions/variables.js";
import { InvalidArgumentsError } from "../../core/errors.js";
import { pyStrip } from "../../protocol/pythonStrip.js";
import { valueAsArgument } from "../../qa/answers.js";

/** A leading image reference: `[IMG]`, `<img>`, `IMG`, `image`, `[R1]`-free brackets. */
const IMAGE_REFERENCE = /^\s*(\[[^\]]*\]|<[^>]*>|IMG|image)\s*,\s*/i;

/** The question of a VQA or QA action: after `, Question: ` (or `, Query: `), else after the leading reference. */
export function questionOf(args: string): { reference: string; question: string } {
  const labelled = /,\s*(Question|Query)\s*:\s*/i.exec(args);
  if (labelled) return { reference: args.slice(0, labelled.index).trim(), question: args.slice(labelled.index + labelled[0].length).trim() };
  const reference = IMAGE_REFERENCE.exec(args);
  if (reference) return { reference: reference[1], question: args.slice(reference[0].length).trim() };
  return { reference: "", question: args.trim() };
}

export function bindMultimodalArguments(action: ParsedAction, results: Record<string, string>): string | Record<string, string> {
  const asArgument = (text: string) => substituteVariables(text, results, valueAsArgument);
  switch (action.tool) {
    case "VQA": {
      const { question } = questionOf(action.args);
      if (question === "") throw new InvalidArgumentsError("VQA needs a question: VQA([IMG], Question: ...)");
      return { question: asArgument(question) };
    }
    case "QA": {
      const { reference, question } = questionOf(action.args);
      if (question === "") throw new InvalidArgumentsError("QA needs a question: QA([R1], Question: ...)");
      const variables = referencedVariables(reference);
      const context = variables.length > 0 ? pyStrip(variables.map((v) => `${results[v]}\n`).join("")) : reference.replace(/^\[|\]$/g, "");
      return { context, question: asArgument(question) };
    }
    default:
      return asArgument(action.args);
  }
}
