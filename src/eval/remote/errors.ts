/**
 * What can go wrong talking to a LangGraph server, sorted into what a retry may cure (the server is down,
 * restarting, overloaded, or lost the run) and what it will not (a request the server rejects, a graph that
 * raised). The LangGraph SDK throws plain errors: an HTTP failure carries `status`, a network failure is a
 * TypeError ("fetch failed", "terminated") whose `cause` has a socket code, or its own "ConnectionError".
 */
import { errorMessage } from "../../errors/message.js";

/** The server could not be used (unreachable, refusing the key): ends `lumos eval` before any task runs. */
export class RemoteServerError extends Error {
  override name = "RemoteServerError";
}

/** A run the server finished with status "error": the graph raised, as `graph.invoke` would have locally. */
export class RemoteRunError extends Error {
  override name = "RemoteRunError";
}

/** A run that ended without finishing (cancelled, timed out on the server, or still marked running). */
export class LostRunError extends Error {
  override name = "LostRunError";
}

/** The HTTP status of an SDK error, if it is an HTTP failure. */
export function httpStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : undefined;
}

// 404: a restarted server may have lost the thread or run; 408/409/425/429 and 5xx: try again later
const TRANSIENT_STATUS = new Set([404, 408, 409, 425, 429]);

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN", "UND_ERR_SOCKET", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "UND_ERR_CLOSED"]);

function networkCode(error: unknown, depth = 0): boolean {
  if (error === null || typeof error !== "object" || depth > 4) return false;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === "string" && NETWORK_CODES.has(code)) return true;
  if (Array.isArray(errors) && errors.some((e) => networkCode(e, depth + 1))) return true;
  return cause !== error && networkCode(cause, depth + 1);
}

/** Whether another try may succeed: the server is unreachable, restarting, overloaded, or lost the run. */
export function isTransientRemoteError(error: unknown): boolean {
  if (error instanceof LostRunError) return true;
  if (error instanceof RemoteRunError || error instanceof RemoteServerError) return false;
  const status = httpStatus(error);
  if (status !== undefined) return status >= 500 || TRANSIENT_STATUS.has(status);
  if (!(error instanceof Error)) return false;
  if (networkCode(error)) return true;
  // the SDK's own wrapper for a refused connection; undici's for a connection cut mid-body; a per-request timeout
  if (error.name === "ConnectionError" || error.name === "TimeoutError") return true;
  if (error instanceof TypeError && /fetch failed|terminated|network/i.test(error.message)) return true;
  // a response cut short parses as truncated JSON
  return error instanceof SyntaxError && /JSON/.test(error.message);
}

/** One line about a failed request, with the HTTP status or the socket error underneath a "fetch failed". */
export function describeRemoteError(error: unknown): string {
  const cause = (error as { cause?: unknown } | null)?.cause;
  const detail = cause instanceof Error && cause.message !== "" && !errorMessage(error).includes(cause.message) ? ` (${cause.message})` : "";
  return `${errorMessage(error)}${detail}`.replace(/\s+/g, " ").slice(0, 500);
}
