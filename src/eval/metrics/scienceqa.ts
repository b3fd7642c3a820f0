/**
 * ScienceQA scoring. The gold answer is an option letter; the options are read from the task text.
 *
 * - `accuracy`: exactly LLaVA's `llava/eval/eval_science_qa.py` (the scorer of the LLaVA-format file we load).
 *   The prediction, as given (not trimmed), is read as a letter when it is one of `A`–`E`; else when it is at
 *   least 3 characters, starts with one of `A`–`E` and continues with `. `; else when the regular expression
 *   `The answer is ([A-Z]).` (Python's `.`: any character but a newline, so a letter at the very end does not
 *   match) matches exactly once; otherwise it is FAILED. It is correct when that letter is among the item's
 *   options and is the gold letter. A missing prediction is FAILED. LLaVA's "IMG-Accuracy" is this accuracy
 *   over the items with an image: the summary's `byCategory.image`.
 * - `robustAccuracy`: our reading of a free-text answer ({@link mapAnswerToOption}: letters in more forms,
 *   option texts ignoring case and punctuation).
 */
import { letterIndex, optionLetter, parseLetteredOptions } from "../../datasets/multipleChoice.js";
import { mapAnswerToOption } from "../../multimodal/optionAnswer.js";
import type { Metric, ScoreContext } from "./types.js";

export { mapAnswerToOption } from "../../multimodal/optionAnswer.js";

/** LLaVA's `args.options`: the letters its parser accepts as an answer. */
const LLAVA_LETTERS = ["A", "B", "C", "D", "E"];
/** LLaVA's `re.compile(r'The answer is ([A-Z]).')` with Python's `.` (anything but "\n"), for `findall`. */
const LLAVA_ANSWER_IS = /The answer is ([A-Z])[^\n]/gu;

/** The letter LLaVA's eval_science_qa.py parses from a prediction, or "FAILED". */
export function llavaParsedAnswer(prediction: string | null): string {
  if (prediction === null) return "FAILED";
  if (LLAVA_LETTERS.includes(prediction)) return prediction;
  // Python's len() counts code points, but with a letter first and ". " next both counts agree
  if (prediction.length >= 3 && LLAVA_LETTERS.includes(prediction[0]) && prediction.slice(1, 3) === ". ") return prediction[0];
  const matches = [...prediction.matchAll(LLAVA_ANSWER_IS)];
  return matches.length === 1 ? matches[0][1] : "FAILED";
}

/** LLaVA's verdict: the parsed letter is one of the first `optionCount` letters and is the gold letter. */
export function llavaCorrect(prediction: string | null, gold: string, optionCount: number): boolean {
  const parsed = llavaParsedAnswer(prediction);
  const index = LLAVA_LETTERS.slice(0, optionCount).indexOf(parsed);
  return index >= 0 && index === letterIndex(gold);
}

/** The option texts of a ScienceQA task (from its task text). */
export function scienceQaOptions(taskText: string): string[] {
  const task = parseLetteredOptions(taskText);
  if (task === null) throw new Error("the ScienceQA task text has no lettered options");
  return task.options;
}

/** The letter of the option a free-text answer names (see {@link mapAnswerToOption}), or null. */
export function answerToLetter(answer: string | null | undefined, options: readonly string[]): string | null {
  const index = mapAnswerToOption(answer, options);
  return index === null ? null : optionLetter(index);
}

export const SCIENCEQA_SCORES = ["accuracy", "robustAccuracy"];

export const scienceQaAccuracy: Metric = {
  names: SCIENCEQA_SCORES,
  score(prediction: string | null, gold: string, context?: ScoreContext) {
    if (!context) throw new Error("ScienceQA scoring needs the task (its options)");
    const options = scienceQaOptions(context.item.question);
    return {
      accuracy: llavaCorrect(prediction, gold, options.length) ? 1 : 0,
      robustAccuracy: answerToLetter(prediction, options) === gold ? 1 : 0,
    };
  },
};
