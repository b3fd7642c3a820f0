/**
 * The simple pseudo-code forms the maths grounding data uses, evaluated without any model:
 * `If R8 > 0, R8, -R8`, `if C then A else B`, or a bare formula such as `max(3, 5)`.
 */
import { evaluateFormula, MathLimitError } from "./engine.js";
import { splitTopLevel } from "./equations.js";
import type { MathLimits } from "./limits.js";

const IF_THEN_ELSE = /^if\s+(.+?)\s+then\s+(.+?)\s+else\s+(.+)$/is;

/** Value of a simple pseudo-code form, or undefined when the text needs a code model. */
export function evaluateSimplePseudoCode(code: string, limits?: Partial<MathLimits>): string | undefined {
  const text = code.trim();
  // a form over the engine's limits is not simple, and no code model should be asked to compute it either
  const rethrowLimit = (error: unknown) => {
    if (error instanceof MathLimitError) throw error;
  };
  const branches = conditionalParts(text);
  if (branches) {
    try {
      const condition = evaluateFormula(branches[0], {}, limits);
      const truthy = condition.kind === "boolean" ? condition.value : condition.kind === "number" ? condition.approx !== 0 : undefined;
      if (truthy === undefined) return undefined;
      return evaluateFormula(truthy ? branches[1] : branches[2], {}, limits).text;
    } catch (error) {
      rethrowLimit(error);
      return undefined;
    }
  }
  try {
    const value = evaluateFormula(text, {}, limits);
    return value.kind === "symbolic" ? undefined : value.text;
  } catch (error) {
    rethrowLimit(error);
    return undefined;
  }
}

function conditionalParts(text: string): [string, string, string] | undefined {
  const thenElse = IF_THEN_ELSE.exec(text);
  if (thenElse) return [thenElse[1], thenElse[2], thenElse[3]];
  if (!/^if\s/i.test(text)) return undefined;
  const parts = splitTopLevel(text.replace(/^if\s+/i, ""), /,/y);
  return parts.length === 3 ? [parts[0], parts[1], parts[2]] : undefined;
}
