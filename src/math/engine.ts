/**
 * In-process maths engine (mathjs). Expressions are parsed, never executed as host code.
 *
 * Exact rational arithmetic first (mathjs Fraction mode, so 0.1 + 0.2 is 3/10 and money sums stay exact),
 * plain floating point when a function needs it (sqrt, factorial, ...), symbolic simplification when the
 * expression still has free symbols (Define(n-2), Calculator(R1^2)).
 */
import { all, create, type MathNode } from "mathjs";

const exact = create(all, { number: "Fraction" });
const floating = create(all);

/** A value the maths tools produce: a number (exact or not), a truth value, or a symbolic expression. */
export type MathValue =
  | { kind: "number"; text: string; approx: number }
  | { kind: "boolean"; text: string; value: boolean }
  | { kind: "symbolic"; text: string; symbols: string[] };

export class MathError extends Error {
  override name = "MathError";
}

/** Normalises how people and models write formulas into what mathjs parses. */
export function normaliseFormula(text: string): string {
  return text
    .trim()
    .replace(/(\d),(?=\d{3}(?!\d))/g, "$1") // thousands separators: 1,000 -> 1000
    .replace(/\$/g, "")
    .replace(/[×✕]/g, "*")
    .replace(/÷/g, "/")
    .replace(/−/g, "-")
    .replace(/\*\*/g, "^");
}

/** Free symbols of an expression (names that are not mathjs constants or functions). */
export function freeSymbols(text: string): string[] {
  const node = exact.parse(text);
  const seen: string[] = [];
  node.traverse((n: MathNode, _path: string, parent: MathNode | null) => {
    if (n.type !== "SymbolNode") return;
    const name = (n as unknown as { name: string }).name;
    const isFunctionName = parent?.type === "FunctionNode" && (parent as unknown as { fn: MathNode }).fn === n;
    if (isFunctionName || name in exact || seen.includes(name)) return;
    seen.push(name);
  });
  return seen;
}

const MAX_DECIMALS = 6;

/** Formats a number as a person writes it: 9 not 9.0, 3.5, 10/3, 1.414214. */
export function formatNumber(value: unknown): { text: string; approx: number } {
  if (value && typeof value === "object" && "n" in value && "d" in value && "s" in value) {
    const f = value as { s: bigint | number; n: bigint | number; d: bigint | number };
    const s = BigInt(f.s);
    const n = BigInt(f.n);
    const d = BigInt(f.d);
    const approx = Number(s * n) / Number(d);
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

function toMathValue(result: unknown): MathValue {
  if (typeof result === "boolean") return { kind: "boolean", text: result ? "True" : "False", value: result };
  if (result && typeof result === "object" && "isResultSet" in result) {
    const entries = (result as unknown as { entries: unknown[] }).entries;
    if (entries.length === 0) throw new MathError("empty expression");
    return toMathValue(entries[entries.length - 1]);
  }
  const { text, approx } = formatNumber(result);
  return { kind: "number", text, approx };
}

/**
 * Evaluates a formula. Numbers come back exact where possible; formulas with free symbols come back
 * simplified (and expanded when polynomial) as text.
 */
export function evaluateFormula(formula: string, scope: Record<string, string> = {}): MathValue {
  const text = normaliseFormula(formula);
  if (text === "") throw new MathError("empty formula");
  let symbols: string[];
  try {
    symbols = freeSymbols(text).filter((s) => !(s in scope));
  } catch (error) {
    throw new MathError(`cannot parse "${formula}": ${(error as Error).message}`);
  }
  const numericScope = Object.fromEntries(Object.entries(scope).map(([k, v]) => [k, exactOrFloat(v)]));
  if (symbols.length > 0) return simplifySymbolic(text, numericScope);
  try {
    return toMathValue(exact.evaluate(text, { ...numericScope }));
  } catch {
    try {
      const floatScope = Object.fromEntries(Object.entries(scope).map(([k, v]) => [k, floating.evaluate(normaliseFormula(v))]));
      return toMathValue(floating.evaluate(text, floatScope));
    } catch (error) {
      throw new MathError(`cannot evaluate "${formula}": ${(error as Error).message}`);
    }
  }
}

function exactOrFloat(text: string): unknown {
  const normalised = normaliseFormula(text);
  try {
    return exact.evaluate(normalised);
  } catch {
    return floating.evaluate(normalised);
  }
}

function simplifySymbolic(text: string, scope: Record<string, unknown>): MathValue {
  try {
    const floatScope = Object.fromEntries(Object.entries(scope).map(([k, v]) => [k, Number(floating.number(v as number))]));
    const substituted = Object.keys(floatScope).length > 0 ? floating.simplify(text, floatScope) : floating.parse(text);
    const symbols = freeSymbols(substituted.toString());
    // rationalize expands one-unknown polynomials ((n-2)^2 -> n^2 - 4n + 4) but mangles several unknowns
    let simplified: MathNode;
    try {
      simplified = symbols.length === 1 ? (floating.rationalize(substituted) as MathNode) : floating.simplify(substituted);
    } catch {
      simplified = floating.simplify(substituted);
    }
    const out = simplified.toString({ implicit: "hide" });
    const remaining = freeSymbols(out);
    if (remaining.length === 0) return evaluateFormula(out);
    return { kind: "symbolic", text: out.replace(/ ([*^]) /g, "$1"), symbols: remaining };
  } catch (error) {
    throw new MathError(`cannot simplify "${text}": ${(error as Error).message}`);
  }
}

/** Numeric value of a formula in floating point (used by solvers); throws when symbols remain. */
export function approximate(formula: string, scope: Record<string, number> = {}): number {
  const value = floating.evaluate(normaliseFormula(formula), { ...scope });
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value && typeof value === "object" && "toNumber" in value) return (value as { toNumber(): number }).toNumber();
  throw new MathError(`not a number: ${String(value)}`);
}
