/**
 * What the maths actions compute, as plain functions of their argument text (the tools in tools/maths run
 * them in an isolated worker; see src/isolation/jobs.ts).
 */
import { combineEquations, containsEquation } from "./combineEquations.js";
import { evaluateFormula, MathError, MathLimitError } from "./engine.js";
import { quoted } from "./errors.js";
import { splitEquation, splitTopLevel } from "./equations.js";
import { resolveMathLimits, type MathLimits } from "./limits.js";

/** Calculator(formula): arithmetic, comparisons and symbolic simplification; equations combine side by side. */
export function calculate(formula: string, limits?: Partial<MathLimits>): string {
  return containsEquation(formula) ? combineEquations(formula, limits) : evaluateFormula(formula, {}, limits).text;
}

/** Define(value): a number is normalised (`2.50` -> `2.5`); an expression is kept as written. */
export function defineValue(value: string, limits?: Partial<MathLimits>): string {
  try {
    const evaluated = evaluateFormula(value, {}, limits);
    return evaluated.kind === "number" ? evaluated.text : value.trim();
  } catch {
    return value.trim();
  }
}

/** SetEquation(equation): the equation, or comma-separated system, as it will be solved. */
export function recordEquations(equation: string, limits?: Partial<MathLimits>): string {
  const lim = resolveMathLimits(limits);
  if (equation.length > lim.maxLength) throw new MathLimitError(`the equations are too long (${equation.length} characters, limit ${lim.maxLength})`);
  const parts = splitTopLevel(equation);
  const bad = parts.find((p) => splitEquation(p) === null);
  if (parts.length === 0 || bad !== undefined) throw new MathError(`not an equation: ${quoted(bad ?? equation)}`);
  if (parts.length > lim.maxEquations) throw new MathLimitError(`too many equations: ${parts.length} (limit ${lim.maxEquations})`);
  return parts.join(", ");
}
