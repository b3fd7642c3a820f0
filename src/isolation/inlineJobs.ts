/**
 * Which jobs are too small to be worth a worker. A job handed to a worker costs a round trip between threads
 * (on a 2-core machine some 0.1-0.5 ms of CPU, most of it the threads waking and evicting each other's caches)
 * where the arithmetic of a GSM8K step takes some 0.02 ms. A built-in maths job whose input is plain
 * arithmetic (digits, `.`, `,`, `$`, `%`, spaces, `+ - * / ( )`, no `**`, at most MAX_INLINE_LENGTH characters)
 * runs in the calling thread instead: such a formula names no function or symbol, so it cannot reach the
 * engine's configuration, and its work is bounded by its length (no powers, factorials, ranges or arrays:
 * exact fractions of at most a few hundred digits, a parse nesting at most 32 deep). Everything else, and
 * every job of another kind, goes to the workers with their time, heap and result limits.
 *
 * Light on purpose: the pool asks this before it loads the maths engine in the calling thread.
 */
export const MAX_INLINE_LENGTH = 64;

const PLAIN_ARITHMETIC = /^[0-9.,$% +\-*/()]+$/;

/** The text input of the built-in jobs that may run inline, by job name. */
const INLINE_TEXT: Readonly<Record<string, string>> = { "maths.calculate": "formula", "maths.define": "value" };

/** Whether `job` with `input` is plain arithmetic that runs in the calling thread rather than in a worker. */
export function runsInline(job: string, input: unknown): boolean {
  const field = Object.hasOwn(INLINE_TEXT, job) ? INLINE_TEXT[job] : undefined;
  if (field === undefined || typeof input !== "object" || input === null) return false;
  const text = (input as Record<string, unknown>)[field];
  return typeof text === "string" && text.length > 0 && text.length <= MAX_INLINE_LENGTH && PLAIN_ARITHMETIC.test(text) && !text.includes("**");
}
