/**
 * Size limits of the maths engine. Model text decides what the engine computes, so every input is bounded
 * before any arithmetic runs: its length, nesting and number of nodes, the size of exact powers, factorials,
 * ranges and arrays, and the size of equation systems. A formula over a limit fails with a MathLimitError
 * that names the limit; nothing is truncated. These limits make hostile input fail fast and clearly; the
 * worker pool's time and memory limits (src/isolation) are the backstop for anything they do not foresee.
 */
export interface MathLimits {
  /** Characters of one formula, equation system or list (after normalisation). */
  maxLength: number;
  /** Nesting depth of brackets. */
  maxDepth: number;
  /** Expression-tree nodes of one formula or equation. */
  maxNodes: number;
  /**
   * Expression-tree nodes of a formula that is simplified symbolically. mathjs's simplification is
   * super-linear: 20 terms like sin(x + 1) take seconds, 40 take minutes.
   */
  maxSymbolicNodes: number;
  /**
   * Terms a one-unknown polynomial may expand to for it to be expanded (mathjs's rationalize, whose cost
   * explodes: (x + 1)^4 takes a quarter of a second, (x + 1)^5 minutes); larger ones are simplified unexpanded.
   */
  maxExpansionTerms: number;
  /** Largest exponent of a power whose base contains an unknown, e.g. (x + 1)^64. */
  maxSymbolicDegree: number;
  /** Decimal digits of an exact power (numerator or denominator); larger powers are computed in floating point. */
  maxDigits: number;
  /** Largest argument of factorial, gamma, permutations, combinations, multinomial. */
  maxFactorialArgument: number;
  /** Elements of an array or range (1:1000). */
  maxElements: number;
  /** Unknowns of an equation system. */
  maxUnknowns: number;
  /** Equations of an equation system. */
  maxEquations: number;
}

export const DEFAULT_MATH_LIMITS: Readonly<MathLimits> = Object.freeze({
  maxLength: 10_000,
  maxDepth: 64,
  maxNodes: 1_000,
  maxSymbolicNodes: 60,
  maxExpansionTerms: 16,
  maxSymbolicDegree: 64,
  maxDigits: 10_000,
  maxFactorialArgument: 10_000,
  maxElements: 10_000,
  maxUnknowns: 10,
  maxEquations: 10,
});

export function resolveMathLimits(limits?: Partial<MathLimits>): MathLimits {
  if (!limits) return DEFAULT_MATH_LIMITS;
  const merged = { ...DEFAULT_MATH_LIMITS };
  for (const key of Object.keys(DEFAULT_MATH_LIMITS) as (keyof MathLimits)[]) {
    const value = limits[key];
    if (typeof value === "number" && Number.isFinite(value) && value >= 0) merged[key] = value;
  }
  return merged;
}
