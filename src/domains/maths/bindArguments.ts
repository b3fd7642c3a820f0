/**
 * Maths argument binding: R variables become their values, wrapped in parentheses where an operator
 * could otherwise bind wrongly (the reference's rule), and function applications `R3(R1, R2)` bind the
 * free symbols of R3's expression in alphabetical order (or by name: `R1(n=3)`).
 */
import type { ParsedAction } from "../../actions/types.js";
import { matchingParenthesis, splitOutsideBrackets } from "../../actions/parse.js";
import { substituteVariables, undefinedVariables } from "../../actions/variables.js";
import { evaluateFormula, freeSymbols, normaliseFormula } from "../../math/engine.js";
import { containsEquation } from "../../math/combineEquations.js";

const OPERATOR = /[-+*/^%]/;
const PLAIN_VALUE = /^(\d+(\.\d+)?|[A-Za-z_]\w*)$/;
const APPLICATION = /(?<![A-Za-z0-9_])R\d+\(/g;

export class BindingError extends Error {
  override name = "BindingError";
}

export function bindMathsArguments(action: ParsedAction, results: Record<string, string>): string {
  const missing = undefinedVariables(action.args, results);
  if (missing.length > 0) throw new BindingError(`undefined variable${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`);
  const applied = applyFunctions(action.args, results);
  const hasOperator = OPERATOR.test(applied.replace(/(?<![A-Za-z0-9_])R\d+(?![A-Za-z0-9_])/g, ""));
  return substituteVariables(applied, results, (value, name) => wrap(value, name, applied, hasOperator));
}

function wrap(value: string, name: string, text: string, hasOperator: boolean): string {
  const v = value.trim();
  if (PLAIN_VALUE.test(v)) return v;
  if (containsEquation(v)) {
    // an equation is only parenthesised where arithmetic combines it with something else
    const at = text.search(new RegExp(`(?<![A-Za-z0-9_])${name}(?![A-Za-z0-9_])`));
    const before = text.slice(0, at).trimEnd().slice(-1);
    const after = text.slice(at + name.length).trimStart().slice(0, 1);
    return OPERATOR.test(before) || OPERATOR.test(after) ? `(${v})` : v;
  }
  return hasOperator ? `(${v})` : v;
}

/** Replaces each `Rk(args)` by the value of Rk's expression with its symbols bound to the arguments. */
function applyFunctions(text: string, results: Record<string, string>): string {
  let out = text;
  for (;;) {
    APPLICATION.lastIndex = 0;
    const match = APPLICATION.exec(out);
    if (!match) return out;
    const name = match[0].slice(0, -1);
    const open = match.index + name.length;
    const close = matchingParenthesis(out, open);
    if (close < 0) throw new BindingError(`unbalanced parentheses after ${name}`);
    const expression = results[name];
    const inner = applyFunctions(out.slice(open + 1, close), results);
    const value = applyOne(name, expression, inner, results);
    out = `${out.slice(0, match.index)}(${value})${out.slice(close + 1)}`;
  }
}

function applyOne(name: string, expression: string, argsText: string, results: Record<string, string>): string {
  const symbols = freeSymbols(normaliseFormula(expression)).sort();
  const args = splitOutsideBrackets(argsText, ",").map((a) => a.trim()).filter((a) => a !== "");
  const bindings: Record<string, string> = {};
  let position = 0;
  for (const arg of args) {
    const named = /^([A-Za-z_]\w*)\s*=(?!=)\s*(.+)$/s.exec(arg);
    const valueText = substituteVariables(named ? named[2] : arg, results, (v) => `(${v})`);
    const bound = named ? named[1] : symbols[position++];
    if (bound === undefined) throw new BindingError(`${name} = ${expression} has ${symbols.length} unknown(s) but got more arguments`);
    bindings[bound] = evaluateFormula(valueText).text;
  }
  return evaluateFormula(expression, bindings).text;
}
