/**
 * A scripted OpenAI-compatible server on 127.0.0.1 (random free port): `/v1/completions` and
 * `/v1/chat/completions`. It records every request body so tests can assert the exact bytes received.
 *
 * Besides good replies and HTTP errors it can misbehave the ways real servers and proxies do: a raw body
 * (invalid JSON, wrongly shaped `choices`), a body cut short (Content-Length larger than what is sent, then the
 * socket closed), a huge body streamed with backpressure (so a test can see the client hang up early: see
 * `streams`), and a hang (no answer at all, or headers and part of the body and then nothing).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { errorMessage } from "../errors/message.js";
import { GROUND_HEAD, PLAN_INSTRUCTION } from "../protocol/constants.js";

export interface ScriptedRequest {
  path: string;
  body: Record<string, unknown>;
  /** The request's headers (lower-case names). */
  headers: Record<string, string | string[] | undefined>;
}

export type ScriptedReply =
  | string
  | { status: number; body?: string }
  | { text: string; delayMs?: number }
  | { json: unknown }
  /** A chat completion that calls `name` (`args` as JSON, or a string sent as is), with `content` beside it. */
  | { toolCall: { name: string; args: unknown; content?: string } }
  /** This body as is, with status 200 unless given (e.g. invalid JSON). */
  | { raw: string; status?: number }
  /** Announce `declared` bytes (Content-Length), send `send`, then close the socket. */
  | { truncate: { declared: number; send: string } }
  /**
   * A completion whose JSON body is `bytes` long, written in 64 KiB chunks with backpressure; with
   * `chunked`, no Content-Length is announced. Each is reported in `streams`.
   */
  | { huge: { bytes: number; chunked?: boolean } }
  /** Never answer (`"silent"`), or send headers and `partial` of the body and then nothing (`"midway"`). */
  | { hang: "silent" | "midway"; partial?: string };

/** What the server managed to send of a `huge` reply before the client went away (or it finished). */
export interface StreamReport {
  /** Body bytes handed to the socket. */
  bytesSent: number;
  /** Bytes the reply was to have. */
  bytesPlanned: number;
  /** The connection closed before the whole body was written. */
  closedEarly: boolean;
  /** Resolves once the reply is over (written or cut off). */
  settled: Promise<void>;
}

export interface ScriptedServer {
  /** Base URL ending in /v1. */
  url: string;
  requests: ScriptedRequest[];
  /** One report per `huge` reply, in order. */
  streams: StreamReport[];
  close(): Promise<void>;
}

const HUGE_CHUNK = 64 * 1024;

function writeHuge(res: ServerResponse, bytes: number, chunked: boolean, model: unknown): StreamReport {
  const head = Buffer.from(`{"id":"cmpl-huge","object":"text_completion","model":${JSON.stringify(model ?? "m")},"choices":[{"index":0,"text":"`);
  const tail = Buffer.from(`","finish_reason":"length"}]}`);
  const fill = Math.max(0, bytes - head.length - tail.length);
  const report: StreamReport = { bytesSent: 0, bytesPlanned: head.length + fill + tail.length, closedEarly: false, settled: Promise.resolve() };
  report.settled = new Promise<void>((resolve) => {
    let closed = false;
    res.on("close", () => {
      closed = true;
      if (!res.writableFinished) report.closedEarly = true;
      resolve();
    });
    res.writeHead(200, { "content-type": "application/json", ...(chunked ? {} : { "content-length": String(report.bytesPlanned) }) });
    const block = Buffer.alloc(HUGE_CHUNK, "x");
    let left = fill;
    const send = (chunk: Buffer) => {
      report.bytesSent += chunk.length;
      return res.write(chunk);
    };
    const pump = () => {
      while (!closed) {
        if (left === 0) {
          send(tail);
          res.end();
          return;
        }
        const n = Math.min(left, HUGE_CHUNK);
        left -= n;
        if (!send(n === HUGE_CHUNK ? block : block.subarray(0, n))) {
          res.once("drain", pump);
          return;
        }
      }
    };
    send(head);
    pump();
  });
  return report;
}

export interface ScriptedServerOptions {
  /** Keep every request in `requests` (default true; a benchmark's server serving tens of thousands leaves it off). */
  record?: boolean;
}

export async function startScriptedServer(
  handler: (request: ScriptedRequest) => ScriptedReply | Promise<ScriptedReply>,
  options: ScriptedServerOptions = {},
): Promise<ScriptedServer> {
  const requests: ScriptedRequest[] = [];
  const streams: StreamReport[] = [];
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
    } catch {
      res.writeHead(400).end("bad json");
      return;
    }
    const request = { path: req.url ?? "", body, headers: req.headers };
    if (options.record !== false) requests.push(request);
    if (request.path.includes("/embeddings")) {
      // deterministic vectors: letter frequencies, so similar texts are near each other
      const inputs = ([] as unknown[]).concat(body.input ?? []).map(String);
      // the openai SDK asks for base64 floats unless told otherwise
      const encode = (v: number[]) => (body.encoding_format === "base64" ? Buffer.from(new Float32Array(v).buffer).toString("base64") : v);
      const data = inputs.map((text, index) => ({ object: "embedding", index, embedding: encode(letterVector(text)) }));
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ object: "list", data, model: body.model, usage: { prompt_tokens: 1, total_tokens: 1 } }));
      return;
    }
    let reply: ScriptedReply;
    try {
      reply = await handler(request);
    } catch (error) {
      res.writeHead(500, { "content-type": "text/plain" }).end(errorMessage(error));
      return;
    }
    if (typeof reply === "object" && "raw" in reply) {
      res.writeHead(reply.status ?? 200, { "content-type": "application/json" }).end(reply.raw);
      return;
    }
    if (typeof reply === "object" && "status" in reply) {
      res.writeHead(reply.status, { "content-type": "application/json" }).end(reply.body ?? JSON.stringify({ error: { message: "scripted failure" } }));
      return;
    }
    if (typeof reply === "object" && "json" in reply) {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(reply.json));
      return;
    }
    if (typeof reply === "object" && "toolCall" in reply) {
      const { name, args, content } = reply.toolCall;
      const call = { id: `call_${requests.length}`, type: "function", function: { name, arguments: typeof args === "string" ? args : JSON.stringify(args) } };
      const message = { role: "assistant", content: content ?? null, tool_calls: [call] };
      const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };
      const payload = { id: "chat-1", object: "chat.completion", created: 0, model: body.model, choices: [{ index: 0, message, finish_reason: "tool_calls" }], usage };
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(payload));
      return;
    }
    if (typeof reply === "object" && "truncate" in reply) {
      res.writeHead(200, { "content-type": "application/json", "content-length": String(reply.truncate.declared) });
      res.write(reply.truncate.send, () => res.destroy());
      return;
    }
    if (typeof reply === "object" && "huge" in reply) {
      streams.push(writeHuge(res, reply.huge.bytes, reply.huge.chunked ?? false, body.model));
      return;
    }
    if (typeof reply === "object" && "hang" in reply) {
      if (reply.hang === "midway") {
        res.writeHead(200, { "content-type": "application/json" });
        res.write(reply.partial ?? '{"choices":[{"text":"');
      }
      return;
    }
    const text = typeof reply === "string" ? reply : reply.text;
    if (typeof reply === "object" && reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };
    const payload = request.path.includes("/chat/completions")
      ? { id: "chat-1", object: "chat.completion", created: 0, model: body.model, choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" }], usage }
      : { id: "cmpl-1", object: "text_completion", created: 0, model: body.model, choices: [{ index: 0, text, finish_reason: "stop" }], usage };
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(payload));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    streams,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // hanging replies keep their sockets open: end them so close() returns
        server.closeAllConnections();
      }),
  };
}

/**
 * Number of assistant turns already in a Lumos prompt (= which output of a script comes next), counted from
 * the task's own first turn: a domain's k-shot prefix (worked conversations opening with the same
 * instruction) comes before it and does not count.
 */
export function turnIndex(prompt: string): number {
  const start = Math.max(prompt.lastIndexOf(`<|user|>\n${PLAN_INSTRUCTION}`), prompt.lastIndexOf(`<|user|>\n${GROUND_HEAD}`), 0);
  return prompt.slice(start).split("<|assistant|>\n").length - 2;
}

/** A 26-dimensional letter-frequency vector, the scripted server's stand-in for an embedding model. */
export function letterVector(text: string): number[] {
  const vector = new Array<number>(26).fill(0);
  for (const ch of text.toLowerCase()) {
    const code = ch.charCodeAt(0) - 97;
    if (code >= 0 && code < 26) vector[code]++;
  }
  return vector;
}
