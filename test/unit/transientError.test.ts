import { describe, expect, it } from "vitest";
import { errorMessage } from "../../src/errors/message.js";
import { CompletionServerError } from "../../src/models/openaiCompletions.js";
import { checkReplySize, isTransientError, MalformedReplyError, ReplyTooLargeError } from "../../src/models/transientError.js";

const withStatus = (status: number, name = "APIError") => Object.assign(new Error(`HTTP ${status}`), { name, status });
const network = (code: string) => new TypeError("fetch failed", { cause: Object.assign(new Error(code), { code }) });

describe("isTransientError", () => {
  it("retries rate limits, conflicts, timeouts and server errors; not other client errors", () => {
    for (const status of [408, 409, 425, 429, 500, 502, 503, 504, 529]) expect(isTransientError(withStatus(status)), String(status)).toBe(true);
    for (const status of [400, 401, 403, 404, 413, 422]) expect(isTransientError(withStatus(status)), String(status)).toBe(false);
    // other SDKs name the field differently
    expect(isTransientError({ status_code: 503 })).toBe(true);
    expect(isTransientError({ response: { status: 429 } })).toBe(true);
    expect(isTransientError({ statusCode: 404 })).toBe(false);
  });

  it("retries dropped connections found anywhere in the cause chain", () => {
    for (const code of ["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "EPIPE", "EAI_AGAIN", "UND_ERR_SOCKET", "UND_ERR_HEADERS_TIMEOUT"]) {
      expect(isTransientError(network(code)), code).toBe(true);
    }
    expect(isTransientError(new AggregateError([Object.assign(new Error("x"), { code: "ECONNREFUSED" })]))).toBe(true);
    expect(isTransientError(network("ENOTFOUND"))).toBe(false);
    expect(isTransientError(new TypeError("Cannot read properties of undefined"))).toBe(false);
  });

  it("follows an explicit transient flag: our malformed replies yes, over-size replies no", () => {
    expect(isTransientError(new MalformedReplyError("invalid JSON"))).toBe(true);
    expect(isTransientError(new ReplyTooLargeError("too big", 10, 5))).toBe(false);
    expect(isTransientError(new CompletionServerError("HTTP 503", 503, true))).toBe(true);
    expect(isTransientError(new CompletionServerError("HTTP 404", 404, false))).toBe(false);
  });

  it("retries the request's own timeout but never a caller's abort", () => {
    expect(isTransientError(new DOMException("The operation was aborted due to timeout", "TimeoutError"))).toBe(true);
    expect(isTransientError(new DOMException("This operation was aborted", "AbortError"))).toBe(false);
    const caller = new AbortController();
    caller.abort();
    // a caller's own time limit also surfaces as a TimeoutError: the signal decides
    expect(isTransientError(new DOMException("timeout", "TimeoutError"), caller.signal)).toBe(false);
    expect(isTransientError(new MalformedReplyError("x"), caller.signal)).toBe(false);
    expect(isTransientError(withStatus(503), new AbortController().signal)).toBe(true);
  });

  it("is false for things that are not errors", () => {
    for (const value of [undefined, null, "ECONNRESET", 503, {}]) expect(isTransientError(value)).toBe(false);
  });
});

describe("checkReplySize", () => {
  it("refuses a reply over the cap without keeping it, and counts UTF-8 bytes", () => {
    expect(() => checkReplySize("x".repeat(100), 100, "m")).not.toThrow();
    expect(() => checkReplySize("é".repeat(60), 100, "m")).toThrow(ReplyTooLargeError);
    let thrown: unknown;
    try {
      checkReplySize("secret".repeat(1000), 100, "chat model m");
    } catch (error) {
      thrown = error;
    }
    expect(errorMessage(thrown)).toBe("chat model m replied with 6000 bytes, over the cap of 100 bytes of a module reply; the reply was not kept");
    expect(thrown).toMatchObject({ bytes: 6000, cap: 100, transient: false });
  });
});

describe("errorMessage", () => {
  it("reads a message out of anything thrown", () => {
    expect(errorMessage(new Error("boom"))).toBe("boom");
    expect(errorMessage(new RangeError(""))).toBe("RangeError");
    expect(errorMessage("plain")).toBe("plain");
    expect(errorMessage({ message: "from an object" })).toBe("from an object");
    expect(errorMessage({ code: 7 })).toBe('{"code":7}');
    expect(errorMessage(undefined)).toBe("undefined");
    expect(errorMessage(null)).toBe("null");
    expect(errorMessage(42)).toBe("42");
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(errorMessage(circular)).toBe("[object Object]");
  });
});
