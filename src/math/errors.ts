/** Errors of the maths engine: values the tools report, never crashes. */

/** A formula the engine cannot parse, evaluate or solve. */
export class MathError extends Error {
  override name = "MathError";
}

/** Text the expression parser cannot read at all (as opposed to a formula that is read but not allowed). */
export class MathParseError extends MathError {
  override name = "MathParseError";
}

/**
 * A formula that goes over one of the engine's size limits (src/math/limits.ts): too long, too deeply nested,
 * a power, factorial or range too large, an equation system with too many unknowns. The message names the limit.
 */
export class MathLimitError extends MathError {
  override name = "MathLimitError";
}

const QUOTE_LIMIT = 120;

/** A formula as error messages show it: quoted, and shortened when long (hostile input can be 10,000 characters). */
export function quoted(text: string): string {
  return text.length > QUOTE_LIMIT ? `"${text.slice(0, QUOTE_LIMIT - 20)}..." (${text.length} characters)` : `"${text}"`;
}
