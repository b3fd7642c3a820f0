import { quoted } from "./errors.js";
import { approximate, formatNumber, MathError, MathLimitError } from "./engine.js";
import { splitTopLevel } from "./equations.js";
import { resolveMathLimits, type MathLimits } from "./limits.js";

const ELLIPSIS = /^(\.\.\.|…)$/;

/** Counts list items; an ellipsis item means an arithmetic sequence of numbers or letters. */
export function countItems(list: string, limits?: Partial<MathLimits>): string {
  const lim = resolveMathLimits(limits);
  if (list.length > lim.maxLength) throw new MathLimitError(`the list is too long (${list.length} characters, limit ${lim.maxLength})`);
  const items = splitTopLevel(list.trim().replace(/^\[(.*)\]$/s, "$1"), /,/y);
  if (items.length === 0) return "0";
  const gap = items.findIndex((item) => ELLIPSIS.test(item));
  if (gap < 0) return String(items.length);
  if (gap < 1 || gap === items.length - 1) throw new MathError(`an ellipsis needs items on both sides: ${quoted(list)}`);
  const first = items[0];
  const last = items[items.length - 1];
  if (/^[A-Za-z]$/.test(first) && /^[A-Za-z]$/.test(last)) {
    const step = items.length > 3 && /^[A-Za-z]$/.test(items[1]) && gap > 1 ? items[1].charCodeAt(0) - first.charCodeAt(0) : 1;
    return sequenceLength(first.charCodeAt(0), last.charCodeAt(0), step || 1);
  }
  const a = approximate(first, {}, lim);
  const z = approximate(last, {}, lim);
  const step = gap > 1 ? approximate(items[1], {}, lim) - a : 1;
  if (step === 0) throw new MathError(`the sequence does not advance: ${quoted(list)}`);
  return sequenceLength(a, z, step);
}

function sequenceLength(first: number, last: number, step: number): string {
  const n = (last - first) / step + 1;
  if (n < 1 || Math.abs(n - Math.round(n)) > 1e-9) throw new MathError(`${last} is not reached from ${first} in steps of ${step}`);
  return formatNumber(Math.round(n)).text;
}
