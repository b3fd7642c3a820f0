/**
 * Replies from a LangGraph server are capped: a declared or streamed body over the cap fails the request with
 * ResponseTooLargeError (through the real SDK client and HTTP on a loopback port), which is not taken for an
 * outage; a reply under the cap arrives intact.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Client } from "@langchain/langgraph-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cappedFetch, ResponseTooLargeError } from "../../src/eval/remote/cappedFetch.js";
import { isTransientRemoteError } from "../../src/eval/remote/errors.js";
import { failure } from "../helpers/failure.js";

const CAP = 64 * 1024;
let server: Server;
let url: string;
let sent = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = request.url ?? "";
    if (path.startsWith("/threads/small/")) {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ answer: "4", text: "é".repeat(1000) }));
    } else if (path.startsWith("/threads/declared/")) {
      response.writeHead(200, { "content-type": "application/json", "content-length": String(10 * CAP) });
      response.write("{");
      // never finished: the client must not wait for the rest
    } else {
      // chunked, no length, without end (until the client goes away)
      response.writeHead(200, { "content-type": "application/json" });
      response.write('{"values": "');
      const chunk = "x".repeat(16 * 1024);
      const pump = () => {
        while (!response.destroyed && response.write(chunk)) sent += chunk.length;
        if (!response.destroyed) response.once("drain", pump);
      };
      pump();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const client = () => new Client({ apiUrl: url, apiKey: null, callerOptions: { maxRetries: 0, fetch: cappedFetch(CAP) } });

describe("capped replies", () => {
  it("lets a reply under the cap through intact", async () => {
    expect(await client().runs.join("small", "run1")).toEqual({ answer: "4", text: "é".repeat(1000) });
  });

  it("refuses a reply whose declared length is over the cap, without reading it", async () => {
    const error = await failure(client().runs.join("declared", "run1"));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error.message).toMatch(/reply to http:\/\/127\.0\.0\.1:\d+\/threads\/declared\/runs\/run1\/join holds 655,360 bytes, over the limit of 65,536/);
    expect(isTransientRemoteError(error)).toBe(false);
  });

  it("stops reading a reply that streams past the cap, and does not take it for an outage", async () => {
    const error = await failure(client().runs.join("endless", "run1"));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error.message).toMatch(/holds more than 65,536 bytes/);
    expect(isTransientRemoteError(error)).toBe(false);
    // the connection was dropped: the server stopped well short of what it would have sent
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sent).toBeLessThan(100 * CAP);
  });
});
