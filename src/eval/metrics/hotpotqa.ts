/**
 * HotpotQA answer metrics exactly as the official evaluation script (hotpot_evaluate_v1.py) computes
 * them: SQuAD normalisation (lower case, punctuation removed, articles removed, whitespace collapsed),
 * exact match, and token F1 that is 0 when yes/no/noanswer differ.
 */

// Python's string.punctuation
const PUNCTUATION = new Set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");
// Python's re \b is Unicode-aware: letters, numbers and underscore are word characters
const ARTICLES = /(?<![\p{L}\p{N}_])(a|an|the)(?![\p{L}\p{N}_])/gu;
// Python's str.split() whitespace (control characters \x1c-\x1f included, as Python counts them)
// eslint-disable-next-line no-control-regex
const PY_SPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

function pySplit(text: string): string[] {
  return text.split(PY_SPACE).filter((t) => t !== "");
}

export function normalizeAnswer(text: string): string {
  const lower = text.toLowerCase();
  const noPunctuation = [...lower].filter((ch) => !PUNCTUATION.has(ch)).join("");
  const noArticles = noPunctuation.replace(ARTICLES, " ");
  return pySplit(noArticles).join(" ");
}

export function exactMatch(prediction: string, gold: string): number {
  return normalizeAnswer(prediction) === normalizeAnswer(gold) ? 1 : 0;
}

export function f1Score(prediction: string, gold: string): { f1: number; precision: number; recall: number } {
  const p = normalizeAnswer(prediction);
  const g = normalizeAnswer(gold);
  const zero = { f1: 0, precision: 0, recall: 0 };
  const special = ["yes", "no", "noanswer"];
  if (special.includes(p) && p !== g) return zero;
  if (special.includes(g) && p !== g) return zero;
  const pt = pySplit(p);
  const gt = pySplit(g);
  const counts = new Map<string, number>();
  for (const t of gt) counts.set(t, (counts.get(t) ?? 0) + 1);
  let same = 0;
  for (const t of pt) {
    const c = counts.get(t) ?? 0;
    if (c > 0) {
      same++;
      counts.set(t, c - 1);
    }
  }
  if (same === 0) return zero;
  const precision = same / pt.length;
  const recall = same / gt.length;
  return { f1: (2 * precision * recall) / (precision + recall), precision, recall };
}
