/**
 * Kendall's tau-b between two equal-length sequences of strings, as scipy.stats.kendalltau computes it
 * (variant b, ties counted, strings ordered by code point as numpy compares them): NaN for fewer than two
 * items or when one side is all ties. O(n log n), like scipy, so large result sets stay cheap.
 */

/** Code-point order (JavaScript's `<` compares UTF-16 units, which differs past U+FFFF). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xSurrogate = x >= 0xd800 && x <= 0xdfff;
    const ySurrogate = y >= 0xd800 && y <= 0xdfff;
    // a surrogate (an astral code point) sorts after every BMP unit
    if (xSurrogate !== ySurrogate) return xSurrogate ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/** Dense ranks (1, 2, ...) of the values in code-point order. */
function denseRanks(values: readonly string[]): number[] {
  const sorted = [...new Set(values)].sort(compareCodePoints);
  const rank = new Map(sorted.map((v, i) => [v, i + 1]));
  return values.map((v) => rank.get(v) ?? 0);
}

/** Pairs tied within each group of equal keys: sum of c(c-1)/2. */
function tiedPairs(keys: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  let ties = 0;
  for (const c of counts.values()) ties += (c * (c - 1)) / 2;
  return ties;
}

/** Number of pairs i < j with values[i] > values[j] (merge sort). */
function inversions(values: number[]): number {
  let count = 0;
  const buffer = new Array<number>(values.length);
  for (let width = 1; width < values.length; width *= 2) {
    for (let lo = 0; lo < values.length - width; lo += 2 * width) {
      const mid = lo + width;
      const hi = Math.min(lo + 2 * width, values.length);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        if (values[j] < values[i]) {
          count += mid - i;
          buffer[k++] = values[j++];
        } else buffer[k++] = values[i++];
      }
      while (i < mid) buffer[k++] = values[i++];
      while (j < hi) buffer[k++] = values[j++];
      for (let m = lo; m < hi; m++) values[m] = buffer[m];
    }
  }
  return count;
}

export function kendallTauB(xs: readonly string[], ys: readonly string[]): number {
  if (xs.length !== ys.length) throw new Error("kendallTauB: sequences of different lengths");
  const size = xs.length;
  if (size === 0) return NaN;
  const x = denseRanks(xs);
  const y = denseRanks(ys);
  // sort by (x, y): inversions of y in that order are the discordant pairs; ties in x are not inversions
  const order = x.map((_, i) => i).sort((a, b) => x[a] - x[b] || y[a] - y[b]);
  const discordant = inversions(order.map((i) => y[i]));
  const jointTies = tiedPairs(order.map((i) => x[i] * (size + 1) + y[i]));
  const xTies = tiedPairs(x);
  const yTies = tiedPairs(y);
  const total = (size * (size - 1)) / 2;
  if (xTies === total || yTies === total) return NaN;
  const concordantMinusDiscordant = total - xTies - yTies + jointTies - 2 * discordant;
  // the same operation order as scipy, so the float result is the same to the last bit
  const tau = concordantMinusDiscordant / Math.sqrt(total - xTies) / Math.sqrt(total - yTies);
  return Math.min(1, Math.max(-1, tau));
}
