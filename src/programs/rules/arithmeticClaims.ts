/**
 * Finds arithmetic a solution states without a calculator note: "99 + 5 = $104", "200 minus 174 equals
 * 26", "7 puppies / 20 puppies * 100% = 35%". Unit words between numbers are skipped. A claim is kept only
 * when evaluating its expression gives the stated value, so prose that merely looks like arithmetic never
 * becomes an action.
 */
import { evaluateFormula } from "../../math/engine.js";

export interface ArithmeticClaim {
  /** Expression in Calculator syntax. */
  expression: string;
  value: number;
  /** Offset of the `=` in the scanned text, to keep claims in reading order. */
  at: number;
}

const OPERATOR_WORDS: [RegExp, string][] = [
  [/\bplus\b/gi, "+"],
  [/\bminus\b/gi, "-"],
  [/\btimes\b/gi, "*"],
  [/\bmultiplied by\b/gi, "*"],
  [/\bdivided by\b/gi, "/"],
  [/\bequals\b/gi, "="],
];
const VALUE_AFTER = /^\s*\$?\s*(-?\d[\d,]*(?:\.\d+)?|-?\.\d+)(\.\.\.)?(%?)/;
const TOKEN = /(\d[\d,]*(?:\.\d+)?|\.\d+)|([-+*/×÷–−^])|([()])|(%)|\b([xX])\b|([A-Za-z'’]+)/g;
/** Where the scan for an expression stops going left: clause punctuation or an earlier `=`. */
const CLAUSE_BREAK = /[:;=?!]|,\s|\.\s/g;

type Token = { kind: "number" | "operator" | "paren" | "percent"; text: string };

function tokens(segment: string): Token[] {
  const out: Token[] = [];
  for (const m of segment.matchAll(TOKEN)) {
    if (m[1]) out.push({ kind: "number", text: m[1].replace(/,/g, "") });
    else if (m[2]) out.push({ kind: "operator", text: m[2].replace(/[–−]/, "-").replace("×", "*").replace("÷", "/") });
    else if (m[3]) out.push({ kind: "paren", text: m[3] });
    else if (m[4]) out.push({ kind: "percent", text: "%" });
    else if (m[5]) out.push({ kind: "operator", text: "*" });
    // m[6]: a unit or other word, skipped
  }
  return out;
}

function clauseStart(text: string, at: number): number {
  let start = 0;
  for (const m of text.slice(0, at).matchAll(CLAUSE_BREAK)) start = (m.index ?? 0) + m[0].length;
  return start;
}

export function findArithmeticClaims(raw: string): ArithmeticClaim[] {
  let text = raw
    .replace(/\b[A-Za-z]+\/[A-Za-z]+\b/g, (unit) => " ".repeat(unit.length)) // miles/day: a unit, not a division
    .replace(/(\d+) (\d+)\/(\d+)/g, (m, whole: string, n: string, d: string) => `(${whole}+${n}/${d})`.padEnd(m.length)); // 3 1/2
  for (const [pattern, symbol] of OPERATOR_WORDS) text = text.replace(pattern, symbol);
  const claims: ArithmeticClaim[] = [];
  for (let at = text.indexOf("="); at >= 0; at = text.indexOf("=", at + 1)) {
    const valueMatch = VALUE_AFTER.exec(text.slice(at + 1));
    if (!valueMatch) continue;
    const value = Number(valueMatch[1].replace(/,/g, ""));
    // "33.333...": the solution rounded what it wrote
    const decimals = valueMatch[1].split(".")[1]?.length ?? 0;
    const tolerance = valueMatch[2] || decimals >= 3 ? 10 ** -decimals : 1e-9;
    const all = tokens(text.slice(clauseStart(text, at), at));
    if (valueMatch[3] === "%") {
      // "100% - 80% = 20%" reads in percentage points; "20% * 40% = 8%" reads as fractions
      const points = longestMatchingWindow(all.filter((t) => t.kind !== "percent"), value, tolerance);
      if (points) claims.push({ expression: points, value, at });
      else {
        const fraction = longestMatchingWindow(all, value / 100, tolerance / 100);
        if (fraction) claims.push({ expression: fraction, value: value / 100, at });
      }
      continue;
    }
    const found = longestMatchingWindow(all, value, tolerance);
    if (found) claims.push({ expression: found, value, at });
  }
  return claims;
}

/** The longest token window (ending nearest the `=`) that evaluates to the stated value. */
function longestMatchingWindow(segment: Token[], value: number, tolerance: number): string | undefined {
  for (let length = segment.length; length >= 3; length--) {
    for (let end = segment.length; end - length >= 0; end--) {
      const part = segment.slice(end - length, end);
      const first = part[0];
      const last = part[part.length - 1];
      const startsWell = first.kind === "number" || first.text === "(" || (first.text === "-" && part[1]?.kind === "number");
      if (!startsWell || (last.kind !== "number" && last.text !== ")" && last.kind !== "percent")) continue;
      // an operator, or an implicit product such as 4(100)
      const combines = part.some((t, i) => t.kind === "operator" || (t.kind === "number" && part[i + 1]?.text === "("));
      if (!combines) continue;
      const expression = part.map((t) => t.text).join(" ").replace(/ %/g, "%").replace(/\( /g, "(").replace(/ \)/g, ")");
      try {
        const result = evaluateFormula(expression);
        if (result.kind === "number" && Math.abs(result.approx - value) <= Math.max(tolerance, 1e-9 * Math.abs(value))) return expression;
      } catch {
        // not an expression
      }
    }
  }
  return undefined;
}
