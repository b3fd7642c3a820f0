/** The one predicate every model client and retry loop uses: is a model failure worth retrying? */

const TRANSIENT_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "EPIPE", "UND_ERR_SOCKET", "EAI_AGAIN"]);

/** Rate limits, server errors and dropped connections are transient; errors may also say so themselves. */
export function isTransientError(error: unknown): boolean {
  const e = error as { transient?: boolean; status?: number; code?: string; cause?: { code?: string } };
  if (typeof e?.transient === "boolean") return e.transient;
  if (typeof e?.status === "number") return e.status === 408 || e.status === 409 || e.status === 425 || e.status === 429 || e.status >= 500;
  return TRANSIENT_CODES.has(e?.code ?? "") || TRANSIENT_CODES.has(e?.cause?.code ?? "");
}
