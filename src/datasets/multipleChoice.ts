/**
 * Lettered options in task texts, as ScienceQA's LLaVA-format file writes them and as we write A-OKVQA's
 * choices: one option per line, `A. <text>`, `B. <text>`, ... after the question. An option's text may run over
 * several lines (ScienceQA has letter closings such as `A. See you soon,\nJanet` and multi-line poems).
 */

/** Option letters in order; ScienceQA has at most five options (A–E), A-OKVQA four. */
export const OPTION_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** The letter of option `index` (0 → "A"). */
export function optionLetter(index: number): string {
  const letter = OPTION_LETTERS[index];
  if (letter === undefined || !Number.isInteger(index)) throw new RangeError(`no option letter for index ${index}`);
  return letter;
}

/** The index of an option letter ("A" → 0), or -1 when it is not an upper-case letter. */
export function letterIndex(letter: string): number {
  return letter.length === 1 ? OPTION_LETTERS.indexOf(letter) : -1;
}

/** `A. x\nB. y\n...`: choices as lettered lines, in the style of ScienceQA's task texts. */
export function formatLetteredOptions(choices: readonly string[]): string {
  return choices.map((choice, index) => `${optionLetter(index)}. ${choice}`).join("\n");
}

/** A task text split into the text before the options and the options' texts (A first). */
export interface LetteredTask {
  stem: string;
  options: string[];
}

/**
 * The lettered options at the end of a task text: the last line starting `A. ` from which the following lines
 * starting `B. `, `C. `, ... (in order) give at least two options; lines between them continue the option
 * before. Null when the text has no such options.
 */
export function parseLetteredOptions(text: string): LetteredTask | null {
  const lines = text.split("\n");
  for (let start = lines.length - 1; start >= 0; start--) {
    if (!lines[start].startsWith("A. ")) continue;
    const options = [lines[start].slice(3)];
    for (const line of lines.slice(start + 1)) {
      const next = OPTION_LETTERS[options.length];
      if (next !== undefined && line.startsWith(`${next}. `)) options.push(line.slice(3));
      else options[options.length - 1] += `\n${line}`;
    }
    if (options.length >= 2) return { stem: lines.slice(0, start).join("\n"), options };
  }
  return null;
}
