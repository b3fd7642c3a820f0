/**
 * What a planning-module line means (LUMOS-PROTOCOL.md §3). The released checkpoints write, per turn:
 *
 *   Lumos-I  `Subgoal 1: ...`, then `No, I will keep planning. Subgoal k: ...`, finally `Yes, I will stop planning.`
 *   Lumos-O  the whole plan on one line, subgoals joined by "; " (`Subgoal 1: ... .; Subgoal 2: ...`)
 *
 * Every scan here is linear in the line's length: model output can be long and adversarial, and a
 * backtracking regex over it (`;\s*(?=Subgoal...)`, `[ws]+$`) can take seconds per line.
 */
import type { Formulation } from "../core/records.js";
import { KEEP_PLANNING, STOP_PLANNING } from "./constants.js";
import { pyStrip } from "./pythonStrip.js";

export type PlannerOutput =
  | { kind: "stop" }
  | { kind: "subgoals"; texts: string[] }
  | { kind: "empty" }
  | { kind: "malformed"; reason: string };

/**
 * Whether a UTF-16 code unit matches the regular-expression class `\s` (ECMAScript WhiteSpace and
 * LineTerminator: U+0009–U+000D, U+0020, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F,
 * U+3000, U+FEFF). Not Python's set: it has U+FEFF and lacks U+001C–U+001F and U+0085.
 */
export function isRegExpWhitespace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  if (code === 0xa0 || code === 0x1680 || code === 0xfeff) return true;
  if (code < 0x2000) return false;
  if (code <= 0x200a) return true;
  return code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000;
}

function skipRegExpWhitespace(text: string, i: number): number {
  while (i < text.length && isRegExpWhitespace(text.charCodeAt(i))) i++;
  return i;
}

const SUBGOAL = "Subgoal";

/**
 * If `text` has a subgoal label `Subgoal\s*\d+\s*:` at `at`, the index just after its colon; else -1.
 * Scans only the label's own characters (no backtracking).
 */
export function subgoalLabelEnd(text: string, at: number): number {
  if (!text.startsWith(SUBGOAL, at)) return -1;
  let i = skipRegExpWhitespace(text, at + SUBGOAL.length);
  const digits = i;
  while (i < text.length && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) i++;
  if (i === digits) return -1;
  i = skipRegExpWhitespace(text, i);
  return text.charCodeAt(i) === 0x3a ? i + 1 : -1;
}

/**
 * Splits a one-pass plan line `Subgoal 1: ... .; Subgoal 2: ...` into subgoals: at every `;` followed by
 * optional whitespace and a subgoal label, each part Python-stripped, empty parts dropped. Same result as
 * `line.split(/;\s*(?=Subgoal\s*\d+\s*:)/).map(pyStrip).filter(s => s !== "")`, in linear time.
 */
export function splitPlanLine(line: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let semi = line.indexOf(";"); semi >= 0; semi = line.indexOf(";", semi + 1)) {
    const next = skipRegExpWhitespace(line, semi + 1);
    if (subgoalLabelEnd(line, next) < 0) continue;
    parts.push(line.slice(start, semi));
    start = next;
  }
  parts.push(line.slice(start));
  const subgoals: string[] = [];
  for (const part of parts) {
    const text = pyStrip(part);
    if (text !== "") subgoals.push(text);
  }
  return subgoals;
}

/** The subgoal an iterative planner line carries: the text after its last "No, I will keep planning.", stripped. */
export function iterativeSubgoal(line: string): string {
  const at = line.lastIndexOf(KEEP_PLANNING);
  return pyStrip(at < 0 ? line : line.slice(at + KEEP_PLANNING.length));
}

/** Whether a (stripped) line starts with a subgoal label, optionally after "No, I will keep planning." (once or more). */
export function startsWithSubgoal(text: string): boolean {
  let at = 0;
  while (text.startsWith(KEEP_PLANNING, at)) at = skipRegExpWhitespace(text, at + KEEP_PLANNING.length);
  return subgoalLabelEnd(text, at) >= 0;
}

const PREVIEW_CHARS = 120;

function preview(text: string): string {
  return text.length <= PREVIEW_CHARS ? text : `${text.slice(0, PREVIEW_CHARS)}… (${text.length} characters)`;
}

/**
 * Classifies a planning-module line.
 *
 * - `empty`: nothing but whitespace.
 * - `stop`: Lumos-I, the line contains "Yes, I will stop planning" (checked first, as the reference did).
 *   Lumos-O: a line that lists no subgoal but contains the stop phrase.
 * - `subgoals`: the line starts with `Subgoal k:` (optionally after "No, I will keep planning."). Lumos-I:
 *   one text, the part after the last "No, I will keep planning." (`Subgoal k: ...`); Lumos-O: every
 *   subgoal of the line (`splitPlanLine`). The texts are exactly what the planner node used before this
 *   check existed.
 * - `malformed`: anything else (chatter, an action line, a truncated label), with a short reason.
 */
export function parsePlannerOutput(line: string, formulation: Formulation): PlannerOutput {
  const text = pyStrip(line);
  if (text === "") return { kind: "empty" };
  const expected =
    formulation === "onetime"
      ? `expected a plan "Subgoal 1: ...; Subgoal 2: ..."`
      : `expected "Subgoal k: ..." (after "${KEEP_PLANNING}" from the second subgoal on) or "${STOP_PLANNING}."`;
  if (formulation === "iterative") {
    if (text.includes(STOP_PLANNING)) return { kind: "stop" };
    if (!startsWithSubgoal(text)) return { kind: "malformed", reason: `${expected}, got "${preview(text)}"` };
    return { kind: "subgoals", texts: [iterativeSubgoal(text)] };
  }
  if (startsWithSubgoal(text)) return { kind: "subgoals", texts: splitPlanLine(text) };
  if (text.includes(STOP_PLANNING)) return { kind: "stop" };
  return { kind: "malformed", reason: `${expected}, got "${preview(text)}"` };
}
