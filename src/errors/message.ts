/**
 * One way to turn anything thrown into a readable message (instead of `(error as Error).message ?? String(error)`
 * at every catch): an Error's message (its name when the message is empty), a string as is, an object's
 * `message` field, else JSON or `String(value)`.
 */
export function errorMessage(error: unknown): string {
  if (typeof error === "string") return error;
  if (error instanceof Error) return error.message !== "" ? error.message : error.name || String(error);
  if (error !== null && typeof error === "object") {
    const message = (error as { message?: unknown }).message;
    if (typeof message === "string" && message !== "") return message;
    try {
      const json = JSON.stringify(error);
      if (json !== undefined && json !== "{}") return json;
    } catch {
      // circular or BigInt: fall through
    }
  }
  return String(error);
}
