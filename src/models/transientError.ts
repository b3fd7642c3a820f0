/**
 * The one answer to "is this model failure worth another try?", shared by every model client and the graph.
 *
 * Transient: HTTP 408, 409, 425, 429 and 5xx; dropped or refused connections and DNS hiccups (by error code,
 * anywhere in the `cause` chain); a reply that arrived malformed (invalid JSON, no usable `choices`, a body
 * cut short: `MalformedReplyError`); the request's own time limit (`AbortSignal.timeout`, a `TimeoutError`).
 * Not transient: other 4xx, an over-size reply (`ReplyTooLargeError`: greedy decoding would repeat it), bad
 * configuration, and a caller's abort (an `AbortError`, or any error once the caller's signal has fired:
 * pass that signal, since a caller's own time limit also surfaces as a `TimeoutError`).
 */

/** A reply that arrived but cannot be used: invalid JSON, an empty or wrongly shaped `choices`, a truncated body. */
export class MalformedReplyError extends Error {
  override name = "MalformedReplyError";
  readonly transient = true;
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** A reply over the size cap. The body is never kept: the message says the size seen and the cap. */
export class ReplyTooLargeError extends Error {
  override name = "ReplyTooLargeError";
  readonly transient = false;
  constructor(
    message: string,
    /** Bytes received (or announced by Content-Length) when the reply was refused. */
    readonly bytes: number,
    readonly cap: number,
  ) {
    super(message);
  }
}

/** Default cap on one module reply (completion text): a module writes one line, 512 tokens at most. */
export const DEFAULT_MAX_REPLY_BYTES = 64 * 1024;

/** Throws a `ReplyTooLargeError` (without the text) when a module reply is over the cap. */
export function checkReplySize(text: string, cap: number, who: string): void {
  // a UTF-16 code unit is at most 3 UTF-8 bytes: skip the count for short texts
  if (text.length * 3 <= cap) return;
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > cap) throw new ReplyTooLargeError(`${who} replied with ${bytes} bytes, over the cap of ${cap} bytes of a module reply; the reply was not kept`, bytes, cap);
}

const TRANSIENT_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "ENETUNREACH",
  "ENETDOWN",
  "EHOSTUNREACH",
  "EHOSTDOWN",
  "ERR_STREAM_PREMATURE_CLOSE",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

/** SDK errors for a connection that failed or timed out (OpenAI and Anthropic SDKs). */
const TRANSIENT_NAMES = new Set(["TimeoutError", "APIConnectionError", "APIConnectionTimeoutError", "MalformedReplyError"]);
const PERMANENT_NAMES = new Set(["AbortError", "APIUserAbortError", "ReplyTooLargeError"]);

export function isTransientStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 425 || status === 429 || (status >= 500 && status <= 599);
}

interface ErrorLike {
  name?: unknown;
  transient?: unknown;
  status?: unknown;
  statusCode?: unknown;
  status_code?: unknown;
  response?: { status?: unknown };
  code?: unknown;
  cause?: unknown;
  errors?: unknown;
}

function statusOf(e: ErrorLike): number | undefined {
  for (const value of [e.status, e.statusCode, e.status_code, e.response?.status]) {
    if (typeof value === "number" && Number.isInteger(value) && value >= 100 && value <= 599) return value;
  }
  return undefined;
}

/** Whether an error code anywhere in the cause chain (or an AggregateError's members) is a network hiccup. */
function hasTransientCode(error: unknown, depth = 0): boolean {
  if (depth > 5 || error === null || typeof error !== "object") return false;
  const e = error as ErrorLike;
  if (typeof e.code === "string" && TRANSIENT_CODES.has(e.code)) return true;
  if (Array.isArray(e.errors) && e.errors.some((inner) => hasTransientCode(inner, depth + 1))) return true;
  return hasTransientCode(e.cause, depth + 1);
}

/**
 * Whether a model call that failed with `error` may succeed if tried again. `callerSignal`: the signal the
 * caller passed to the call; once it has fired, nothing is transient (the caller gave up).
 */
export function isTransientError(error: unknown, callerSignal?: AbortSignal): boolean {
  if (callerSignal?.aborted) return false;
  if (error === null || typeof error !== "object") return false;
  const e = error as ErrorLike;
  if (typeof e.transient === "boolean") return e.transient;
  const name = typeof e.name === "string" ? e.name : "";
  if (PERMANENT_NAMES.has(name)) return false;
  const status = statusOf(e);
  if (status !== undefined) return isTransientStatus(status);
  if (TRANSIENT_NAMES.has(name)) return true;
  return hasTransientCode(e);
}
