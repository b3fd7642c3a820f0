/**
 * Arithmetic on equations: `(2x + y = 7) - (x + y = 4)` is `x = 3`, applied side by side. The reference
 * did the same when an R variable holding an equation met an operator.
 */
import { quoted } from "./errors.js";
import { evaluateFormula, MathError } from "./engine.js";
import type { MathLimits } from "./limits.js";
import { matchingParenthesis } from "../actions/parse.js";

const LONE_EQUALS = /(?<![<>=!])=(?!=)/;

export function containsEquation(text: string): boolean {
  return LONE_EQUALS.test(text);
}

/** Evaluates both sides of a formula that contains equations and returns `left = right`. */
export function combineEquations(formula: string, limits?: Partial<MathLimits>): string {
  const { left, right } = splitSides(formula);
  return `${evaluateFormula(left, {}, limits).text} = ${evaluateFormula(right, {}, limits).text}`;
}

function splitSides(text: string): { left: string; right: string } {
  let left = "";
  let right = "";
  let i = 0;
  let sawEquation = false;
  while (i < text.length) {
    if (text[i] === "(") {
      const close = matchingParenthesis(text, i);
      if (close < 0) throw new MathError(`unbalanced parentheses in ${quoted(text)}`);
      const inner = text.slice(i + 1, close);
      if (containsEquation(inner)) {
        const sides = splitSides(inner);
        left += `(${sides.left})`;
        right += `(${sides.right})`;
        sawEquation = true;
      } else {
        left += `(${inner})`;
        right += `(${inner})`;
      }
      i = close + 1;
      continue;
    }
    if (LONE_EQUALS.test(text[i]) && text[i - 1] !== "<" && text[i - 1] !== ">" && text[i - 1] !== "!" && text[i + 1] !== "=" && text[i - 1] !== "=") {
      if (sawEquation) throw new MathError(`cannot combine ${quoted(text)}`);
      return { left: left + "", right: text.slice(i + 1) };
    }
    left += text[i];
    right += text[i];
    i++;
  }
  if (!sawEquation) throw new MathError(`no equation in ${quoted(text)}`);
  return { left, right };
}
