/** How the maths tools write numbers (a light module: formatting needs no maths engine). */
import { MathError } from "./errors.js";

const MAX_DECIMALS = 6;

/** Formats a number as a person writes it: 9 not 9.0, 3.5, 10/3, 1.414214. */
export function formatNumber(value: unknown): { text: string; approx: number } {
  if (value && typeof value === "object" && "n" in value && "d" in value && "s" in value) {
    const f = value as { s: bigint | number; n: bigint | number; d: bigint | number };
    const s = BigInt(f.s);
    const n = BigInt(f.n);
    const d = BigInt(f.d);
    const approx = Number(s) * ratio(n, d);
    if (d === 1n) return { text: (s * n).toString(), approx };
    if (terminatesWithin(d, MAX_DECIMALS)) return { text: trimDecimal(approx.toFixed(MAX_DECIMALS)), approx };
    if (d < 1000n) return { text: `${s * n}/${d}`, approx };
    return { text: trimDecimal(approx.toFixed(MAX_DECIMALS)), approx };
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new MathError(`result is not a finite number (${value})`);
    const rounded = Math.round(value);
    if (Math.abs(value - rounded) < 1e-9 * Math.max(1, Math.abs(value))) return { text: String(rounded), approx: rounded };
    return { text: trimDecimal(value.toFixed(MAX_DECIMALS)), approx: value };
  }
  if (value && typeof value === "object" && "toNumber" in value) {
    return formatNumber((value as { toNumber(): number }).toNumber());
  }
  throw new MathError(`not a number: ${String(value)}`);
}

/** n / d as a float, also when n and d are too large for floats themselves ((241/240)^600). */
function ratio(n: bigint, d: bigint): number {
  const direct = Number(n) / Number(d);
  if (Number.isFinite(Number(n)) && Number.isFinite(Number(d))) return direct;
  const shift = BigInt(Math.max(n.toString(16).length, d.toString(16).length) * 4 - 1000);
  return Number(n >> shift) / Number(d >> shift);
}

function terminatesWithin(denominator: bigint, decimals: number): boolean {
  let d = denominator;
  let twos = 0;
  let fives = 0;
  while (d % 2n === 0n) { d /= 2n; twos++; }
  while (d % 5n === 0n) { d /= 5n; fives++; }
  return d === 1n && Math.max(twos, fives) <= decimals;
}

function trimDecimal(text: string): string {
  if (!text.includes(".")) return text;
  const trimmed = text.replace(/0+$/, "").replace(/\.$/, "");
  return trimmed === "-0" ? "0" : trimmed;
}
