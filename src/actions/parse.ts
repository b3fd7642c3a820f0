/**
 * The Lumos action language: one line, actions separated by "; ", each `R1 = Tool(args)`.
 *
 * Parsing never throws: a malformed action becomes a `{ ok: false }` item with a readable reason, so the
 * executor can record it in order (the reference stopped at the first failure too).
 */
import type { GroundedItem, ParsedAction } from "./types.js";

const OUTPUT_NAME = /^(R\d+|Output)$/;
const TOOL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const FUNCTION_VARIABLE = /^R\d+$/;

const OPEN_ROUND = 0x28;
const CLOSE_ROUND = 0x29;
const OPEN_SQUARE = 0x5b;
const CLOSE_SQUARE = 0x5d;
const OPEN_CURLY = 0x7b;
const CLOSE_CURLY = 0x7d;
const SINGLE_QUOTE = 0x27;
const DOUBLE_QUOTE = 0x22;
const BACKTICK = 0x60;
const BACKSLASH = 0x5c;

/** How argument text is read: plain (maths, QA), or with quoted strings whose brackets and separators do not count (SQL). */
export interface ActionSyntax {
  quotes?: boolean;
}

/**
 * Index just past the quoted string opening at `open` (SQL quoting: a doubled quote or a backslash escapes),
 * or the text's length when the string never closes.
 */
export function skipQuoted(text: string, open: number): number {
  const quote = text.charCodeAt(open);
  for (let i = open + 1; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === BACKSLASH && quote !== BACKTICK) i++;
    else if (ch === quote) {
      if (text.charCodeAt(i + 1) === quote) i++;
      else return i + 1;
    }
  }
  return text.length;
}

function isQuote(ch: number): boolean {
  return ch === SINGLE_QUOTE || ch === DOUBLE_QUOTE || ch === BACKTICK;
}

/** Splits at top-level occurrences of `separator` (outside (), [] and {}). One pass, linear in the text. */
export function splitOutsideBrackets(text: string, separator: string, syntax: ActionSyntax = {}): string[] {
  const parts: string[] = [];
  const first = separator.charCodeAt(0);
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (syntax.quotes && isQuote(ch)) i = skipQuoted(text, i) - 1;
    else if (ch === OPEN_ROUND || ch === OPEN_SQUARE || ch === OPEN_CURLY) depth++;
    else if (ch === CLOSE_ROUND || ch === CLOSE_SQUARE || ch === CLOSE_CURLY) depth = depth > 0 ? depth - 1 : 0;
    else if (depth === 0 && ch === first && text.startsWith(separator, i)) {
      parts.push(text.slice(start, i));
      start = i + separator.length;
      i = start - 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** Index of the `)` that closes the `(` at `open`, or -1 when unbalanced. */
export function matchingParenthesis(text: string, open: number, syntax: ActionSyntax = {}): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (syntax.quotes && isQuote(ch)) i = skipQuoted(text, i) - 1;
    else if (ch === OPEN_ROUND) depth++;
    else if (ch === CLOSE_ROUND) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Parses one action such as `R1 = Calculator(16 - 3 - 4)` (a trailing ` = value` annotation is ignored). */
export function parseAction(raw: string, syntax: ActionSyntax = {}): GroundedItem {
  const text = raw.trim();
  const fail = (error: string): GroundedItem => ({ ok: false, text, error });
  if (text === "") return fail("empty action");
  const eq = text.indexOf(" = ");
  if (eq < 0) return fail('expected "R1 = Tool(arguments)"');
  const outputs = text.slice(0, eq).split(",").map((s) => s.trim());
  const badOutput = outputs.find((o) => !OUTPUT_NAME.test(o));
  if (badOutput !== undefined) return fail(`"${badOutput}" is not a result variable (R1, R2, ... or Output)`);
  const rhs = text.slice(eq + 3).trim();
  const open = rhs.indexOf("(");
  const annotation = rhs.indexOf(" = ");
  const beforeAnnotation = (annotation < 0 ? rhs : rhs.slice(0, annotation)).trim();
  if (open < 0 || open > beforeAnnotation.length) {
    // plain assignment: `Output = R9`
    if (beforeAnnotation === "") return fail("nothing assigned");
    return { ok: true, action: { text, outputs, tool: "", args: beforeAnnotation } };
  }
  const name = rhs.slice(0, open).trim();
  const close = matchingParenthesis(rhs, open, syntax);
  if (close < 0) return fail("unbalanced parentheses");
  const rest = rhs.slice(close + 1).trim();
  if (rest !== "" && !rest.startsWith("=")) return fail(`unexpected text after the action: "${rest}"`);
  if (FUNCTION_VARIABLE.test(name)) {
    // `R10 = R1(R9)`: apply the expression stored in R1; the Calculator evaluates applications
    return { ok: true, action: { text, outputs, tool: "Calculator", args: rhs.slice(0, close + 1) } };
  }
  if (!TOOL_NAME.test(name)) return fail(name === "" ? "missing tool name" : `"${name}" is not a tool name`);
  const action: ParsedAction = { text, outputs, tool: name, args: rhs.slice(open + 1, close).trim() };
  return { ok: true, action };
}

/** Parses a whole grounding line. An empty line yields one failed item, so it is never silently skipped. */
export function parseGroundingLine(line: string, syntax: ActionSyntax = {}): GroundedItem[] {
  const trimmed = line.trim();
  if (trimmed === "") return [{ ok: false, text: "", error: "the grounding module returned an empty line" }];
  return splitOutsideBrackets(trimmed, "; ", syntax).map((action) => parseAction(action, syntax));
}
