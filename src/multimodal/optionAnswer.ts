/**
 * Our robust reading of a free-text answer to a multiple-choice question: which option it names, if any.
 * ScienceQA's `robustAccuracy` and A-OKVQA's `mcAccuracy` use it, and a domain can use it to turn an agent's
 * final answer into an option letter. The official scorers are stricter (LLaVA's ScienceQA parser, A-OKVQA's
 * exact string comparison); see scienceqa.ts and aokvqa.ts.
 *
 * In order, the first rule that applies decides:
 * 1. the whole answer is a letter: `B`, `b`, `(B)`, `B.`, `B)`, `B:`, `Option B`, `choice (b)`;
 * 2. the answer is exactly one option's text (case and surrounding spaces as given);
 * 3. the answer starts with a letter and its option text or `is`: `B. apostrophe`, `(B) apostrophe`,
 *    `B) apostrophe`, `B is the run-on sentence.`;
 * 4. the answer says `the answer is B`, `answer: B`, `Answer: (b)` (an upper-case letter, or any letter in
 *    brackets); when it names two different letters this way, it names none;
 * 5. ignoring case, punctuation and spacing, the answer equals exactly one option's text;
 * 6. ignoring the same, the answer contains exactly one option's text as whole words (an option contained in
 *    a longer option that the answer also contains does not count: "not true" names "not true", not "true").
 * A letter outside the options names nothing (and ends the search, as a letter is what the answer meant).
 */
import { letterIndex } from "../datasets/multipleChoice.js";

const WHOLE_LETTER = /^\s*(?:(?:option|choice)\s*)?\(?([A-Za-z])\)?\s*[.:)]?\s*$/i;
const LEADING_LETTER = /^\s*\(?([A-Z])(?:[.)]\s+\S|\)?\s+is\b)/;
const ANSWER_IS = /\banswer\s*(?:is\b|:|：|-)?\s*(?:(?:option|choice)\s+)?/giu;
const LETTER_AFTER = /^(?:\(([A-Za-z])\)|([A-Z])(?![\p{L}\p{N}_]))/u;
const PUNCTUATION = /[\p{P}\p{S}]+/gu;

/** Lower case, punctuation and symbols as spaces, runs of whitespace as one space, trimmed. */
export function normalizeOptionText(text: string): string {
  return text.toLowerCase().replace(PUNCTUATION, " ").replace(/\s+/gu, " ").trim();
}

/** The index of the option named by `letter` ("b" counts as "B"), or null when out of range. */
function indexOfLetter(letter: string, optionCount: number): number | null {
  const index = letterIndex(letter.toUpperCase());
  return index >= 0 && index < optionCount ? index : null;
}

/** The letters `the answer is X` / `answer: X` phrases name, in order. */
function statedLetters(answer: string): string[] {
  const letters: string[] = [];
  for (const match of answer.matchAll(ANSWER_IS)) {
    const after = LETTER_AFTER.exec(answer.slice((match.index ?? 0) + match[0].length));
    if (after) letters.push((after[1] ?? after[2]).toUpperCase());
  }
  return letters;
}

/** Indexes of the options whose normalised text satisfies `test`. */
function optionsWhere(options: readonly string[], test: (normalized: string) => boolean): number[] {
  return options.flatMap((option, index) => {
    const normalized = normalizeOptionText(option);
    return normalized !== "" && test(normalized) ? [index] : [];
  });
}

/** The index of the option an answer names (rules above), or null when it names none or is ambiguous. */
export function mapAnswerToOption(answer: string | null | undefined, options: readonly string[]): number | null {
  if (answer === null || answer === undefined || answer.trim() === "") return null;
  const whole = WHOLE_LETTER.exec(answer);
  if (whole) return indexOfLetter(whole[1], options.length);
  const trimmed = answer.trim();
  const exact = options.flatMap((option, index) => (option.trim() === trimmed ? [index] : []));
  if (exact.length === 1) return exact[0];
  const leading = LEADING_LETTER.exec(answer);
  if (leading) return indexOfLetter(leading[1], options.length);
  const stated = [...new Set(statedLetters(answer))];
  if (stated.length === 1) return indexOfLetter(stated[0], options.length);
  if (stated.length > 1) return null;

  const text = normalizeOptionText(answer);
  if (text === "") return null;
  const equal = optionsWhere(options, (option) => option === text);
  if (equal.length === 1) return equal[0];
  if (equal.length > 1) return null;
  const padded = ` ${text} `;
  const contained = optionsWhere(options, (option) => padded.includes(` ${option} `));
  const maximal = contained.filter((i) => {
    const inner = ` ${normalizeOptionText(options[i])} `;
    return !contained.some((j) => j !== i && ` ${normalizeOptionText(options[j])} `.includes(inner) && normalizeOptionText(options[j]) !== normalizeOptionText(options[i]));
  });
  return maximal.length === 1 ? maximal[0] : null;
}
