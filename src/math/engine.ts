/**
 * The maths engine (mathjs, restricted: see ./safeMath.ts). Expressions are parsed and checked, never executed
 * as host code, and nothing in them can reconfigure the engine; sizes are bounded by ./limits.ts.
 *
 * Exact rational arithmetic first (mathjs Fraction mode, so 0.1 + 0.2 is 3/10 and money sums stay exact),
 * plain floating point when a function needs it (sqrt, factorial, ...), symbolic simplification when the
 * expression still has free symbols (Define(n-2), Calculator(R1^2)).
 */
import type { MathNode } from "mathjs";
import { MathError, MathLimitError, MathParseError, quoted } from "./errors.js";
import { resolveMathLimits, type MathLimits } from "./limits.js";
import { checkFormula, ensureEngineIntact, evaluateChecked, mathOf, withLimits, type NumberMode } from "./safeMath.js";
import { formatNumber } from "./format.js";

export { MathError, MathLimitError, MathParseError };
export { formatNumber };
export type { MathLimits };

/** A value the maths tools produce: a number (exact or not), a truth value, or a symbolic expression. */
export type MathValue =
  | { kind: "number"; text: string; approx: number }
  | { kind: "boolean"; text: string; value: boolean }
  | { kind: "symbolic"; text: string; symbols: string[] };

/** Normalises how people and models write formulas into what mathjs parses. */
export function normaliseFormula(text: string): string {
  return removeThousandsSeparators(text.trim())
    .replace(/\$/g, "")
    .replace(/[×✕]/g, "*")
    .replace(/÷/g, "/")
    .replace(/−/g, "-")
    .replace(/\*\*/g, "^");
}

/**
 * 1,000 -> 1000, but only outside function-call argument lists and array brackets, where a comma separates
 * arguments: `max(100,200)` keeps both arguments, `(1,000 + 2)` is 1002.
 */
function removeThousandsSeparators(text: string): string {
  const separatorsAllowed: boolean[] = [];
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "(") separatorsAllowed.push(!opensCall(text, i));
    else if (ch === "[" || ch === "{") separatorsAllowed.push(false);
    else if (ch === ")" || ch === "]" || ch === "}") separatorsAllowed.pop();
    else if (ch === "," && separatorsAllowed.at(-1) !== false && /\d/.test(text[i - 1] ?? "") && /^\d{3}(?!\d)/.test(text.slice(i + 1, i + 5))) {
      continue;
    }
    out += ch;
  }
  return out;
}

/** Whether the parenthesis at `index` follows a function name (`max (`), not a number or an operator. */
function opensCall(text: string, index: number): boolean {
  let j = index - 1;
  while (j >= 0 && (text[j] === " " || text[j] === "\t")) j--;
  let k = j;
  while (k >= 0 && /[A-Za-z0-9_]/.test(text[k])) k--;
  return k < j && /[A-Za-z_]/.test(text[k + 1]);
}

/** Free symbols of an expression (names that are not mathjs constants or functions). */
export function freeSymbols(text: string, limits?: Partial<MathLimits>): string[] {
  return checkFormula(text, "exact", resolveMathLimits(limits)).symbols;
}

function toMathValue(result: unknown, limits: MathLimits): MathValue {
  if (typeof result === "boolean") return { kind: "boolean", text: result ? "True" : "False", value: result };
  if (result && typeof result === "object" && "isResultSet" in result) {
    const entries = (result as unknown as { entries: unknown[] }).entries;
    if (entries.length === 0) throw new MathError("empty expression");
    return toMathValue(entries[entries.length - 1], limits);
  }
  const { text, approx } = formatNumber(result);
  if (text.length > limits.maxDigits) throw new MathLimitError(`the result has ${text.length} digits (limit ${limits.maxDigits})`);
  return { kind: "number", text, approx };
}

/**
 * Evaluates a formula. Numbers come back exact where possible; formulas with free symbols come back
 * simplified (and expanded when polynomial) as text. `scope` binds unknowns to values (formula texts).
 */
export function evaluateFormula(formula: string, scope: Record<string, string> = {}, limits?: Partial<MathLimits>): MathValue {
  const lim = resolveMathLimits(limits);
  ensureEngineIntact();
  const text = normaliseFormula(formula);
  if (text === "") throw new MathError("empty formula");
  const exactForm = check(formula, text, "exact", lim);
  const symbols = exactForm.symbols.filter((s) => !(s in scope));
  const numericScope = Object.fromEntries(Object.entries(scope).map(([k, v]) => [k, exactOrFloat(v, lim)]));
  if (symbols.length > 0) {
    if (exactForm.nodes > lim.maxSymbolicNodes) {
      throw new MathLimitError(`cannot simplify ${quoted(formula)}: too many terms for symbolic simplification (limit ${lim.maxSymbolicNodes} nodes)`);
    }
    return simplifySymbolic(text, numericScope, lim);
  }
  let exactFailure: unknown;
  try {
    return toMathValue(evaluateChecked(exactForm, numericScope, lim), lim);
  } catch (error) {
    exactFailure = error;
  }
  try {
    const floatScope = Object.fromEntries(Object.entries(scope).map(([k, v]) => [k, evaluateIn("floating", v, lim)]));
    return toMathValue(evaluateChecked(checkFormula(text, "floating", lim), floatScope, lim), lim);
  } catch (error) {
    // a limit hit in exact arithmetic explains a floating-point overflow better than "Infinity"
    const reason = error instanceof MathLimitError ? error : exactFailure instanceof MathLimitError ? exactFailure : error;
    const message = `cannot evaluate ${quoted(formula)}: ${(reason as Error).message}`;
    throw reason instanceof MathLimitError ? new MathLimitError(message) : new MathError(message);
  }
}

function check(formula: string, text: string, mode: NumberMode, limits: MathLimits) {
  try {
    return checkFormula(text, mode, limits);
  } catch (error) {
    const message = `cannot ${error instanceof MathParseError ? "parse" : "evaluate"} ${quoted(formula)}: ${(error as Error).message}`;
    throw error instanceof MathLimitError ? new MathLimitError(message) : new MathError(message);
  }
}

function evaluateIn(mode: NumberMode, formula: string, limits: MathLimits): unknown {
  return evaluateChecked(checkFormula(normaliseFormula(formula), mode, limits), {}, limits);
}

function exactOrFloat(text: string, limits: MathLimits): unknown {
  try {
    return evaluateIn("exact", text, limits);
  } catch {
    return evaluateIn("floating", text, limits);
  }
}

function simplifySymbolic(text: string, scope: Record<string, unknown>, limits: MathLimits): MathValue {
  const floating = mathOf("floating");
  try {
    const out = withLimits(limits, () => {
      const floatScope = Object.fromEntries(Object.entries(scope).map(([k, v]) => [k, Number(floating.number(v as number))]));
      const substituted = Object.keys(floatScope).length > 0 ? floating.simplify(text, floatScope) : floating.parse(text);
      const symbols = freeSymbols(substituted.toString(), limits);
      // rationalize expands one-unknown polynomials ((n-2)^2 -> n^2 - 4n + 4) but mangles several unknowns,
      // and its cost explodes with the size of the expansion
      let simplified: MathNode;
      try {
        const expand = symbols.length === 1 && expansionTerms(substituted) <= limits.maxExpansionTerms;
        simplified = expand ? (floating.rationalize(substituted) as MathNode) : floating.simplify(substituted);
      } catch {
        simplified = floating.simplify(substituted);
      }
      return simplified.toString({ implicit: "hide" });
    });
    const remaining = freeSymbols(out, limits);
    if (remaining.length === 0) return evaluateFormula(out, {}, limits);
    return { kind: "symbolic", text: out.replace(/ ([*^]) /g, "$1"), symbols: remaining };
  } catch (error) {
    const message = `cannot simplify ${quoted(text)}: ${(error as Error).message}`;
    throw error instanceof MathLimitError ? new MathLimitError(message) : new MathError(message);
  }
}

type AnyNode = MathNode & Record<string, unknown>;

/** How many terms a polynomial expression expands to, at most (Infinity when it is not a polynomial). */
function expansionTerms(node: MathNode): number {
  const n = node as AnyNode;
  switch (n.type) {
    case "ConstantNode":
    case "SymbolNode":
      return 1;
    case "ParenthesisNode":
      return expansionTerms(n.content as MathNode);
    case "OperatorNode": {
      const args = n.args as MathNode[];
      const terms = args.map(expansionTerms);
      switch (n.fn) {
        case "add":
        case "subtract":
          return terms.reduce((a, b) => a + b, 0);
        case "unaryMinus":
        case "unaryPlus":
          return terms[0];
        case "multiply":
          return terms.reduce((a, b) => a * b, 1);
        case "divide":
          // numerator and denominator are expanded separately
          return Math.max(terms[0], terms[1]);
        case "pow": {
          const exponent = constantValue(args[1]);
          return exponent !== undefined && Number.isInteger(exponent) && exponent >= 0 ? terms[0] ** exponent : Number.POSITIVE_INFINITY;
        }
        default:
          return Number.POSITIVE_INFINITY;
      }
    }
    default:
      return Number.POSITIVE_INFINITY;
  }
}

function constantValue(node: MathNode): number | undefined {
  const n = node as AnyNode;
  if (n.type === "ConstantNode" && typeof n.value === "number") return n.value;
  if (n.type === "ParenthesisNode") return constantValue(n.content as MathNode);
  if (n.type === "OperatorNode" && n.fn === "unaryMinus") {
    const inner = constantValue((n.args as MathNode[])[0]);
    return inner === undefined ? undefined : -inner;
  }
  return undefined;
}

/** Numeric value of a formula in floating point (used by solvers); throws when symbols remain. */
export function approximate(formula: string, scope: Record<string, number> = {}, limits?: Partial<MathLimits>): number {
  const lim = resolveMathLimits(limits);
  return numericValue(evaluateChecked(checkFormula(normaliseFormula(formula), "floating", lim), scope, lim));
}

/** A compiled formula evaluated many times in floating point (root searches); throws when symbols remain. */
export function compileApproximation(formula: string, limits?: Partial<MathLimits>): (scope: Record<string, number>) => number {
  const lim = resolveMathLimits(limits);
  const checked = checkFormula(normaliseFormula(formula), "floating", lim);
  const compiled = checked.node.compile();
  return (scope) => numericValue(withLimits(lim, () => compiled.evaluate(new Map(Object.entries(scope)))));
}

function numericValue(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value && typeof value === "object" && "toNumber" in value) return (value as { toNumber(): number }).toNumber();
  throw new MathError(`not a number: ${String(value)}`);
}
