/**
 * A-OKVQA scoring, after allenai/aokvqa `evaluation/eval_predictions.py` (`eval_aokvqa`).
 *
 * - `mcAccuracyStrict`: the official multiple-choice accuracy: 1 when the prediction, as given, equals the text
 *   of the correct choice (no normalisation; a prediction that is no choice scores 0: the official script, run
 *   with `strict=False`, does not reject it).
 * - `mcAccuracy`: the same comparison after our mapping: a prediction that is not exactly a choice is read with
 *   {@link mapAnswerToOption} (a letter such as `B` or `(b)`, `the answer is B`, or a choice's text ignoring
 *   case and punctuation, or contained in the answer) and replaced by that choice's text. The official
 *   pipeline instead maps free-text answers with `remap_predictions.py` (the nearest choice by GloVe word
 *   embeddings, so every answer becomes some choice) before scoring.
 * - `daAccuracy`: the official direct-answer accuracy, min(1, (number of the ten `direct_answers` equal to the
 *   prediction) / 3), with no normalisation of either side. Questions marked `difficult_direct_answer` are left
 *   out of the direct-answer average, as officially: their scores have no `daAccuracy` key, and summaries
 *   average each score only over the tasks that have it.
 */
import type { AokvqaRow } from "../../datasets/aokvqa.js";
import { mapAnswerToOption } from "../../multimodal/optionAnswer.js";
import type { Metric, ScoreContext } from "./types.js";

export const AOKVQA_SCORES = ["mcAccuracy", "mcAccuracyStrict", "daAccuracy"];

/** The official direct-answer accuracy of one prediction. */
export function directAnswerAccuracy(prediction: string, directAnswers: readonly string[]): number {
  return Math.min(1, directAnswers.filter((answer) => answer === prediction).length / 3);
}

/** The choice a prediction stands for: itself when it is a choice, else the choice our mapping reads, else null. */
export function predictedChoice(prediction: string | null, choices: readonly string[]): string | null {
  if (prediction === null) return null;
  if (choices.includes(prediction)) return prediction;
  const index = mapAnswerToOption(prediction, choices);
  return index === null ? null : choices[index];
}

export const aokvqaAccuracy: Metric = {
  names: AOKVQA_SCORES,
  score(prediction: string | null, gold: string, context?: ScoreContext) {
    if (!context) throw new Error("A-OKVQA scoring needs the task (its choices and direct answers)");
    // gold is the correct choice's text, choices[correct_choice_idx]
    const row = context.item.source as AokvqaRow;
    const scores: Record<string, number> = {
      mcAccuracy: predictedChoice(prediction, row.choices) === gold ? 1 : 0,
      mcAccuracyStrict: prediction === gold ? 1 : 0,
    };
    if (!row.difficult_direct_answer) scores.daAccuracy = prediction === null ? 0 : directAnswerAccuracy(prediction, row.direct_answers);
    return scores;
  },
};
