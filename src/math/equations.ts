/**
 * Equation and inequality solving without a computer-algebra service.
 *
 * Word problems produce linear systems and low-degree polynomials in one unknown. Linear systems are
 * solved exactly: coefficients are read off by evaluating each equation at unit points in Fraction
 * arithmetic and checked for linearity at a random point. One-unknown polynomials up to degree 3 use
 * mathjs' closed-form roots; anything else falls back to a bracketed numeric root search.
 */
import { quoted } from "./errors.js";
import { compileApproximation, formatNumber, MathError, MathLimitError, normaliseFormula } from "./engine.js";
import { resolveMathLimits, type MathLimits } from "./limits.js";
import { checkFormula, ensureEngineIntact, evaluateChecked, mathOf, type CheckedFormula } from "./safeMath.js";

/** The restricted exact instance (looked up each time: the tripwire may have rebuilt it). */
const exact = () => mathOf("exact");

/** Splits `lhs = rhs` at its single top-level `=` (not part of <=, >=, ==, !=). */
export function splitEquation(text: string): [string, string] | null {
  const match = /^(.*?[^<>=!])=(?!=)(.*)$/s.exec(text.trim());
  if (!match) return null;
  return [match[1].trim(), match[2].trim()];
}

/** Splits a list of equations written with commas or "and" at top level. */
export function splitTopLevel(text: string, separators: RegExp = /,|\band\b|∧/y): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "(" || ch === "[") depth++;
    else if (ch === ")" || ch === "]") depth--;
    else if (depth === 0) {
      separators.lastIndex = i;
      const m = separators.exec(text);
      if (m) {
        parts.push(text.slice(start, i));
        start = i + m[0].length;
        i = start - 1;
      }
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== "");
}

function residual(equation: string): string {
  const sides = splitEquation(equation);
  if (!sides) throw new MathError(`not an equation: ${quoted(equation)}`);
  return `(${normaliseFormula(sides[0])}) - (${normaliseFormula(sides[1])})`;
}

/** Solution of an equation system: one value text per unknown, unknowns in alphabetical order. */
export interface EquationSolution {
  unknowns: string[];
  values: string[];
}

/**
 * Solves one equation or a system. `wanted` is how many values the caller will store (R5, R6 = ...):
 * with one unknown and several roots, a single wanted value is the first positive root (word problems
 * count things), otherwise the roots in increasing order. Systems are bounded by the limits' maxEquations,
 * maxUnknowns and maxNodes (per equation).
 */
export function solveEquations(text: string, wanted = 1, limits?: Partial<MathLimits>): EquationSolution {
  const lim = resolveMathLimits(limits);
  ensureEngineIntact();
  if (text.length > lim.maxLength) throw new MathLimitError(`the equations are too long (${text.length} characters, limit ${lim.maxLength})`);
  const equations = splitTopLevel(text).filter((e) => splitEquation(e) !== null);
  if (equations.length === 0) throw new MathError(`no equation to solve in ${quoted(text)}`);
  if (equations.length > lim.maxEquations) throw new MathLimitError(`too many equations: ${equations.length} (limit ${lim.maxEquations})`);
  const residuals = equations.map(residual);
  const checked = residuals.map((r) => {
    try {
      return checkFormula(r, "exact", lim);
    } catch (error) {
      const message = `cannot solve ${quoted(text)}: ${(error as Error).message}`;
      throw error instanceof MathLimitError ? new MathLimitError(message) : new MathError(message);
    }
  });
  const unknowns = [...new Set(checked.flatMap((c) => c.symbols))].sort();
  if (unknowns.length === 0) throw new MathError(`no unknown to solve for in ${quoted(text)}`);
  if (unknowns.length > lim.maxUnknowns) throw new MathLimitError(`too many unknowns: ${unknowns.length} (limit ${lim.maxUnknowns})`);
  const linear = tryLinear(checked, unknowns, lim);
  if (linear) return { unknowns, values: linear };
  if (unknowns.length === 1) {
    const roots = polynomialOrNumericRoots(residuals[0], unknowns[0], lim);
    if (roots.length === 0) throw new MathError(`no real solution for ${unknowns[0]} in ${quoted(text)}`);
    if (wanted >= roots.length) return { unknowns, values: roots.map((r) => r.text) };
    const positive = roots.find((r) => r.approx > 0);
    return { unknowns, values: [(positive ?? roots[roots.length - 1]).text] };
  }
  throw new MathError(`cannot solve the non-linear system ${quoted(text)} (${unknowns.length} unknowns)`);
}

type ExactValue = { s: bigint; n: bigint; d: bigint };

/** Exact value of a checked formula at a point; null when it is not a number there. Limit errors propagate. */
function evalExact(formula: CheckedFormula, scope: Record<string, unknown>, limits: MathLimits): ExactValue | null {
  try {
    const value = evaluateChecked(formula, scope, limits);
    if (value && typeof value === "object" && "n" in value) return value as ExactValue;
  } catch (error) {
    if (error instanceof MathLimitError) throw error;
    return null;
  }
  return null;
}

/** Reads a linear system's coefficients and solves it exactly; null when it is not linear. */
function tryLinear(residuals: CheckedFormula[], unknowns: string[], limits: MathLimits): string[] | null {
  const zero = Object.fromEntries(unknowns.map((u) => [u, exact().fraction(0)]));
  const rows: unknown[][] = [];
  const rhs: unknown[] = [];
  for (const r of residuals) {
    const c0 = evalExact(r, zero, limits);
    if (!c0) return null;
    const coefficients = unknowns.map((u) => {
      const v = evalExact(r, { ...zero, [u]: exact().fraction(1) }, limits);
      return v ? exact().subtract(v as never, c0 as never) : null;
    });
    if (coefficients.some((c) => c === null)) return null;
    // linearity check at an arbitrary point
    const probe = Object.fromEntries(unknowns.map((u, i) => [u, exact().fraction(i + 3, 7)]));
    const atProbe = evalExact(r, probe, limits);
    if (!atProbe) return null;
    let predicted: unknown = c0;
    unknowns.forEach((u, i) => {
      predicted = exact().add(predicted as never, exact().multiply(coefficients[i] as never, probe[u] as never) as never);
    });
    if (!exact().equal(predicted as never, atProbe as never)) return null;
    rows.push(coefficients);
    rhs.push(exact().unaryMinus(c0 as never));
  }
  if (rows.length < unknowns.length) throw new MathError(`${unknowns.length} unknowns but only ${rows.length} equation(s)`);
  try {
    const square = rows.slice(0, unknowns.length);
    const solution = exact().lusolve(square as never, rhs.slice(0, unknowns.length) as never) as unknown as unknown[][];
    return solution.map((row) => formatNumber(row[0]).text);
  } catch {
    throw new MathError("the equations have no unique solution");
  }
}

/** Real roots of a one-unknown equation, sorted ascending, as formatted numbers. */
function polynomialOrNumericRoots(residualExpr: string, unknown: string, limits: MathLimits): { text: string; approx: number }[] {
  const evaluate = compileApproximation(residualExpr, limits);
  const f = (x: number) => evaluate({ [unknown]: x });
  const coefficients = polynomialCoefficients(f);
  let roots: number[];
  if (coefficients) {
    const nonZero = [...coefficients];
    while (nonZero.length > 1 && Math.abs(nonZero[nonZero.length - 1]) < 1e-12) nonZero.pop();
    const raw = exact().polynomialRoot(...(nonZero as [number, number])) as unknown[];
    roots = raw.filter((r) => typeof r === "number" || (typeof r === "object" && r !== null && Math.abs((r as { im: number }).im ?? 0) < 1e-9))
      .map((r) => (typeof r === "number" ? r : (r as { re: number }).re));
  } else {
    roots = bracketedRoots(f);
  }
  const unique = [...new Set(roots.map((r) => Number(r.toPrecision(12))))].sort((a, b) => a - b);
  return unique.map((r) => prettyRoot(r));
}

/** Coefficients (constant first) of a polynomial of degree ≤ 3, detected by finite differences. */
function polynomialCoefficients(f: (x: number) => number): number[] | null {
  try {
    const xs = [0, 1, -1, 2, -2];
    const ys = xs.map(f);
    if (ys.some((y) => !Number.isFinite(y))) return null;
    // fit a cubic through the first four points, check the fifth
    const [y0, y1, ym1, y2] = ys;
    const c0 = y0;
    const c2 = (y1 + ym1) / 2 - c0;
    const odd1 = (y1 - ym1) / 2; // c1 + c3
    const odd2 = (y2 - c0 - 4 * c2) / 2; // c1 + 4 c3
    const c3 = (odd2 - odd1) / 3;
    const c1 = odd1 - c3;
    const predicted = c0 - 2 * c1 + 4 * c2 - 8 * c3;
    if (Math.abs(predicted - ys[4]) > 1e-7 * Math.max(1, Math.abs(ys[4]))) return null;
    const check = f(0.5);
    const atHalf = c0 + 0.5 * c1 + 0.25 * c2 + 0.125 * c3;
    if (Math.abs(check - atHalf) > 1e-7 * Math.max(1, Math.abs(check))) return null;
    return [c0, c1, c2, c3];
  } catch {
    return null;
  }
}

function bracketedRoots(f: (x: number) => number): number[] {
  const roots: number[] = [];
  const grid: number[] = [];
  for (let x = -1000; x <= 1000; x += 0.5) grid.push(x);
  for (let i = 0; i + 1 < grid.length; i++) {
    let a = grid[i];
    let b = grid[i + 1];
    let fa = safe(f, a);
    const fb = safe(f, b);
    if (fa === 0) { roots.push(a); continue; }
    if (!Number.isFinite(fa) || !Number.isFinite(fb) || fa * fb > 0) continue;
    for (let k = 0; k < 80; k++) {
      const m = (a + b) / 2;
      const fm = safe(f, m);
      if (fa * fm <= 0) b = m;
      else { a = m; fa = fm; }
    }
    roots.push((a + b) / 2);
  }
  return roots;
}

function safe(f: (x: number) => number, x: number): number {
  try { return f(x); } catch { return Number.NaN; }
}

function prettyRoot(r: number): { text: string; approx: number } {
  // snap to a nearby simple fraction so 2.9999999 reads 3 and 0.3333333 reads 1/3
  for (let d = 1; d <= 100; d++) {
    const n = Math.round(r * d);
    if (Math.abs(n / d - r) < 1e-9 * Math.max(1, Math.abs(r))) return formatNumber(exact().fraction(n, d));
  }
  return formatNumber(r);
}

const INEQUALITY = /^(.*?)(<=|>=|≤|≥|<|>)(.*)$/s;

/** Solves a linear inequality in one unknown: "2x + 3 > 7" -> "x > 2". */
export function solveInequality(text: string, limits?: Partial<MathLimits>): string {
  const lim = resolveMathLimits(limits);
  ensureEngineIntact();
  if (text.length > lim.maxLength) throw new MathLimitError(`the inequality is too long (${text.length} characters, limit ${lim.maxLength})`);
  const match = INEQUALITY.exec(text.trim());
  if (!match) throw new MathError(`not an inequality: ${quoted(text)}`);
  const op = match[2].replace("≤", "<=").replace("≥", ">=");
  const expr = `(${normaliseFormula(match[1])}) - (${normaliseFormula(match[3])})`;
  let checked: CheckedFormula;
  try {
    checked = checkFormula(expr, "exact", lim);
  } catch (error) {
    const message = `cannot solve ${quoted(text)}: ${(error as Error).message}`;
    throw error instanceof MathLimitError ? new MathLimitError(message) : new MathError(message);
  }
  const unknowns = checked.symbols;
  if (unknowns.length !== 1) throw new MathError(`an inequality needs exactly one unknown, found ${unknowns.length} in ${quoted(text)}`);
  const [u] = unknowns;
  const c0 = evalExact(checked, { [u]: exact().fraction(0) }, lim);
  const c1 = evalExact(checked, { [u]: exact().fraction(1) }, lim);
  const c2 = evalExact(checked, { [u]: exact().fraction(2) }, lim);
  if (!c0 || !c1 || !c2) throw new MathError(`cannot evaluate ${quoted(text)}`);
  const a = exact().subtract(c1 as never, c0 as never);
  if (!exact().equal(exact().subtract(c2 as never, c1 as never), a)) {
    throw new MathError(`only linear inequalities are supported: ${quoted(text)}`);
  }
  if (exact().equal(a, 0)) throw new MathError(`the unknown cancels out in ${quoted(text)}`);
  const bound = formatNumber(exact().divide(exact().unaryMinus(c0 as never), a as never)).text;
  const flip: Record<string, string> = { "<": ">", ">": "<", "<=": ">=", ">=": "<=" };
  const negative = exact().smaller(a as never, 0 as never) as unknown as boolean;
  return `${u} ${negative ? flip[op] : op} ${bound}`;
}
