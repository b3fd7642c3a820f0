/**
 * Numeric-aware answer comparison for maths benchmarks. The reference compared strings (`pred == gold`),
 * so "18.0" or "$18" lost to "18". Here both sides are parsed as numbers: thousands commas, currency and
 * percent signs and a trailing unit word are dropped, fractions `a/b` are allowed, and two numbers match
 * when their relative difference is below 1e-6.
 */

const NUMBER_TEXT = /^[-+]?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?$/i;

/** The number an answer text denotes, or undefined. */
export function parseNumericAnswer(text: string | null | undefined): number | undefined {
  if (text === null || text === undefined) return undefined;
  let t = text.trim().replace(/\.$/, "");
  t = t.replace(/^[$€£]\s*/, "").replace(/(\d),(?=\d{3}(\D|$))/g, "$1").replace(/\s*%$/, "");
  t = t.replace(/\s+[A-Za-z]+$/, ""); // "18 dollars"
  const fraction = /^([-+]?\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)$/.exec(t);
  if (fraction) {
    const denominator = Number(fraction[2]);
    return denominator === 0 ? undefined : Number(fraction[1]) / denominator;
  }
  return NUMBER_TEXT.test(t) ? Number(t) : undefined;
}

export function numericMatch(prediction: string | null | undefined, gold: string): boolean {
  const a = parseNumericAnswer(prediction);
  const b = parseNumericAnswer(gold);
  if (a === undefined || b === undefined) return false;
  return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));
}

/** The reference's comparison: the prediction string equals the gold string. */
export function strictMatch(prediction: string | null | undefined, gold: string): boolean {
  return prediction === gold;
}
