/**
 * The LangGraph client's fetch with a cap on what one reply may hold. The SDK reads each reply whole (a run's
 * final state from `runs.join`), so a server that sends without end (broken or hostile) would grow the
 * evaluation's memory until it died; here the body is counted as it arrives and the request fails with
 * ResponseTooLargeError past the cap, declared (Content-Length) or not. The task is then recorded with that
 * error, never retried as an outage.
 */

/** Largest reply accepted from a LangGraph server: far above a Lumos run's final state (transcripts included). */
export const MAX_REPLY_BYTES = 64 * 1024 * 1024;

export class ResponseTooLargeError extends Error {
  override name = "ResponseTooLargeError";
}

const tooLarge = (url: string, bytes: string, maxBytes: number) =>
  new ResponseTooLargeError(`the LangGraph server's reply to ${url} holds ${bytes} bytes, over the limit of ${maxBytes.toLocaleString("en-US")}`);

function urlOf(input: Parameters<typeof fetch>[0]): string {
  const text = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  // the path tells which request it was; a query may carry nothing useful and is left out
  return text.replace(/\?.*$/, "");
}

/** `base` (the global fetch by default) with replies over `maxBytes` refused. */
export function cappedFetch(maxBytes = MAX_REPLY_BYTES, base: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const response = await base(input, init);
    const url = urlOf(input);
    const declared = Number(response.headers.get("content-length") ?? NaN);
    if (Number.isFinite(declared) && declared > maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw tooLarge(url, declared.toLocaleString("en-US"), maxBytes);
    }
    if (!response.body) return response;
    let seen = 0;
    const counted = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          seen += chunk.byteLength;
          if (seen > maxBytes) controller.error(tooLarge(url, `more than ${maxBytes.toLocaleString("en-US")}`, maxBytes));
          else controller.enqueue(chunk);
        },
      }),
    );
    return new Response(counted, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
