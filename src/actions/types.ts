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

/** Why an action, a module output or a tool call could not be used. Errors are values, never exceptions. */
export type LumosErrorKind =
  | "empty_output"
  | "malformed_action"
  | "unknown_tool"
  | "undefined_variable"
  | "invalid_arguments"
  | "tool_error"
  | "model_error"
  | "configuration_error"
  | "rejected"
  | "timeout"
  | "task_error";

export interface LumosError {
  kind: LumosErrorKind;
  /** Which module produced it. */
  module: "planner" | "grounder" | "executor" | "harness";
  message: string;
  /** The offending text (model output line or action). */
  input?: string;
  /** A model failure that may pass on retry (HTTP 429/5xx, a reset connection, a timeout). */
  retryable?: boolean;
}

/** One item of a grounding line: a usable action, or the text that could not be parsed and why. */
export type GroundedItem = { ok: true; action: ParsedAction } | { ok: false; text: string; error: string };
