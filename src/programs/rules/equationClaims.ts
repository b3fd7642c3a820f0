/**
 * Finds equations in one unknown that a solution sets up in prose ("45=(2*x)-5", "we get 6s - 4 = 116")
 * and solves them with our solver. Words of two or more letters end an equation, so "we get" and units
 * stay outside; an equation is kept only when it has an operator, exactly one unknown and a solution.
 */
import { solveEquations } from "../../math/equations.js";

export interface EquationClaim {
  equation: string;
  value: number;
  at: number;
}

const EQUATION_CHARS = /[\d\s.+\-*/()a-zA-Z%$]/;

function expandToEquation(text: string, at: number): string | undefined {
  let start = at;
  while (start > 0 && EQUATION_CHARS.test(text[start - 1])) start--;
  let end = at + 1;
  while (end < text.length && EQUATION_CHARS.test(text[end])) end++;
  const cut = (side: string, fromRight: boolean) => {
    const words = side.split(/(?<=\s)|(?=\s)/);
    const kept: string[] = [];
    const ordered = fromRight ? [...words].reverse() : words;
    for (const w of ordered) {
      if (/[A-Za-z]{2,}/.test(w)) break;
      kept.push(w);
    }
    return (fromRight ? kept.reverse() : kept).join("").trim();
  };
  const left = cut(text.slice(start, at), true).replace(/^[+*/.)\s]+/, "");
  const right = cut(text.slice(at + 1, end), false).replace(/[+\-*/.(\s]+$/, "");
  if (left === "" || right === "") return undefined;
  return `${left} = ${right}`;
}

export function findEquationClaims(text: string): EquationClaim[] {
  const claims: EquationClaim[] = [];
  for (let at = text.indexOf("="); at >= 0; at = text.indexOf("=", at + 1)) {
    if (text[at + 1] === "=" || text[at - 1] === "=") continue;
    const equation = expandToEquation(text, at);
    if (!equation) continue;
    const letters = new Set(equation.match(/[A-Za-z]/g) ?? []);
    if (letters.size !== 1 || !/[+\-*/]/.test(equation)) continue;
    // implicit products such as 6Y or 2x are written out for the solver
    const explicit = equation.replace(/\$/g, "").replace(/(\d)\s*([A-Za-z(])/g, "$1*$2").replace(/\)\s*(?=[\dA-Za-z(])/g, ")*");
    try {
      const { values } = solveEquations(explicit);
      const value = Number(values[0]);
      if (values.length === 1 && Number.isFinite(value)) claims.push({ equation: explicit, value, at });
    } catch {
      // not a solvable equation
    }
  }
  return claims;
}
