/** The `Question: q; Answer: a` values the QA tool writes, and the parts the protocol reads from them. */

/** The reference's `value.split("Answer: ")[1]`: the text after the first "Answer: " (up to a second one). */
export function answerAfterMarker(value: string): string | undefined {
  const parts = value.split("Answer: ");
  return parts.length > 1 ? parts[1] : undefined;
}

/** A value as an argument: an answer's text when it is a QA result, else the value itself. */
export function valueAsArgument(value: string): string {
  return answerAfterMarker(value)?.trim().replace(/\.$/, "") ?? value;
}

/** The reference treated any reply containing "no answer" (any case) as a miss. */
export function isNoAnswer(text: string): boolean {
  return text.toLowerCase().includes("no answer");
}
