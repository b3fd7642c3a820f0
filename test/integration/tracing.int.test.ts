/** LangSmith tracing through the usual environment variables, against a loopback collector. */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awaitAllCallbacks } from "@langchain/core/callbacks/promises";
import { createLumosGraph } from "../../src/graph/build.js";
import { ScriptedLLM } from "../helpers/scriptedLLM.js";

let collector: Server;
const bodies: string[] = [];
const saved = { ...process.env };

beforeAll(async () => {
  collector = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (req.method === "POST") bodies.push(`${req.url}\n${Buffer.concat(chunks).toString("latin1")}`);
    res.writeHead(200, { "content-type": "application/json" }).end(req.url?.startsWith("/info") ? JSON.stringify({ version: "test" }) : "{}");
  });
  await new Promise<void>((r) => collector.listen(0, "127.0.0.1", r));
  Object.assign(process.env, {
    LANGSMITH_TRACING: "true",
    LANGSMITH_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}`,
    LANGSMITH_API_KEY: "lsv2-loopback",
    LANGSMITH_PROJECT: "lumos-test",
  });
});

afterAll(async () => {
  process.env = saved;
  await new Promise<void>((r) => collector.close(() => r()));
});

describe("tracing", () => {
  it("sends the graph's node, model and tool runs to the LangSmith endpoint in the environment", async () => {
    const graph = createLumosGraph({
      planner: new ScriptedLLM((p) => (p.includes("executed result") ? "Yes, I will stop planning." : "Subgoal 1: Multiply.")),
      grounder: new ScriptedLLM(() => "R1 = Calculator(6 * 7)"),
    });
    expect((await graph.invoke({ task: "6 times 7?" })).answer).toBe("42");
    await awaitAllCallbacks();
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && !bodies.join("\n").includes("Calculator")) await new Promise((r) => setTimeout(r, 100));
    const sent = bodies.join("\n");
    for (const name of ["planner", "grounder", "executor", "Calculator", "lumos-iterative"]) expect(sent).toContain(name);
  }, 20_000);
});
