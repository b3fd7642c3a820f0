/** The real HTTP clients against a scripted loopback server: completions retries and chat models. */
import { afterEach, describe, expect, it } from "vitest";
import { OpenAICompletionsLLM } from "../../src/models/openaiCompletions.js";
import { runCli } from "../helpers/cli.js";
import { startScriptedServer, type ScriptedServer } from "../helpers/scriptedServer.js";

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  delete process.env.OPENAI_BASE_URL;
  delete process.env.OPENAI_API_KEY;
});

describe("completions client", () => {
  it("retries transient failures with backoff and then succeeds", async () => {
    let calls = 0;
    server = await startScriptedServer(() => (++calls < 3 ? { status: calls === 1 ? 503 : 429 } : "R1 = Calculator(2)"));
    const llm = new OpenAICompletionsLLM({ model: "m", baseURL: server.url, retryDelayMs: 5 });
    expect(await llm.invoke("prompt", { stop: ["\n"] })).toBe("R1 = Calculator(2)");
    expect(calls).toBe(3);
    expect(server.requests[2].body).toMatchObject({ model: "m", prompt: "prompt", max_tokens: 512, temperature: 0, stop: ["\n"], add_special_tokens: false });
  });

  it("does not retry a client error and reports the server's message", async () => {
    server = await startScriptedServer(() => ({ status: 404, body: '{"error":"model not found"}' }));
    const llm = new OpenAICompletionsLLM({ model: "m", baseURL: server.url, retryDelayMs: 5 });
    await expect(llm.invoke("p")).rejects.toThrow(/answered HTTP 404: \{"error":"model not found"\}/);
    expect(server.requests).toHaveLength(1);
  });

  it("reports an unreachable server clearly", async () => {
    const llm = new OpenAICompletionsLLM({ model: "m", baseURL: "http://127.0.0.1:1/v1", transientRetries: 1, retryDelayMs: 5 });
    await expect(llm.invoke("p")).rejects.toThrow(/cannot reach completion server at http:\/\/127\.0\.0\.1:1\/v1\/completions/);
  });
});

describe("chat backend over HTTP", () => {
  it("lumos run with openai: specs talks to an OpenAI-compatible chat server", async () => {
    const replies: Record<string, string[]> = {
      plan: ["Subgoal 1: Calculate the total.", "Yes, I will stop planning."],
      ground: ["R1 = Calculator(12 * 24)"],
    };
    const seen: Record<string, number> = { plan: 0, ground: 0 };
    server = await startScriptedServer(({ body }) => {
      const model = String(body.model);
      return replies[model][seen[model]++];
    });
    process.env.OPENAI_BASE_URL = server.url;
    process.env.OPENAI_API_KEY = "sk-loopback";
    const result = await runCli(["run", "--planner", "openai:plan", "--grounder", "openai:ground", "--json", "How many pencils are in 12 boxes of 24?"]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).answer).toBe("288");
    const first = server.requests[0];
    expect(first.path).toBe("/v1/chat/completions");
    const messages = first.body.messages as { role: string; content: string }[];
    expect(messages[0].role).toBe("system");
    expect(messages[0].content).toContain("Example conversation:");
    expect(messages[1]).toEqual({
      role: "user",
      content: "Please provide a reasonable subgoal-based plan to solve the given task.\nTask: How many pencils are in 12 boxes of 24?; Initial Environment Description: None.",
    });
  });
});
