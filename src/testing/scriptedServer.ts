/**
 * A scripted OpenAI-compatible server on 127.0.0.1 (random free port): `/v1/completions` and
 * `/v1/chat/completions`. It records every request body so tests can assert the exact bytes received.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ScriptedRequest {
  path: string;
  body: Record<string, unknown>;
  /** The request's headers (lower-case names). */
  headers: Record<string, string | string[] | undefined>;
}

export type ScriptedReply = string | { status: number; body?: string } | { text: string; delayMs?: number } | { json: unknown };

export interface ScriptedServer {
  /** Base URL ending in /v1. */
  url: string;
  requests: ScriptedRequest[];
  close(): Promise<void>;
}

export async function startScriptedServer(handler: (request: ScriptedRequest) => ScriptedReply | Promise<ScriptedReply>): Promise<ScriptedServer> {
  const requests: ScriptedRequest[] = [];
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
    requests.push(request);
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
      res.writeHead(500, { "content-type": "text/plain" }).end(String((error as Error).message));
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
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Number of assistant turns already in a Lumos prompt (= which output of a script comes next). */
export function turnIndex(prompt: string): number {
  return prompt.split("<|assistant|>\n").length - 2;
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
