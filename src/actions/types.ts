/** A grounded action as the grounding module wrote it: `R5, R6 = SolveEquation(x + y = 10, x - y = 2)`. */
export interface ParsedAction {
  /** The action exactly as it appeared in the grounding line (trimmed). */
  text: string;
  /** Variables the result is stored in: `R1`, `R5, R6`, or `Output`. */
  outputs: string[];
  /** Tool name; empty for a plain assignment such as `Output = R9`. */
  tool: string;
  /** Argument text between the tool's parentheses, before variable substitution. */
  args: string;
}

export type { LumosError, LumosErrorKind } from "../core/records.js";

/** One item of a grounding line: a usable action, or the text that could not be parsed and why. */
export type GroundedItem = { ok: true; action: ParsedAction } | { ok: false; text: string; error: string };
