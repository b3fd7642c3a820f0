/**
 * The graphs in langgraph.json on the local LangGraph server (what `npm run studio` starts), driven
 * through @langchain/langgraph-sdk, with the models served by a scripted loopback server.
 */
import { Client } from "@langchain/langgraph-sdk";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startProcess, waitForHttp } from "../helpers/processes.js";
import { startScriptedServer, turnIndex, type ScriptedServer } from "../helpers/scriptedServer.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const CLI = fileURLToPath(new URL("../../node_modules/@langchain/langgraph-cli/dist/cli/cli.mjs", import.meta.url));

let server: ReturnType<typeof startProcess>;
let models: ScriptedServer;
let client: Client;

// scripted model outputs by model name
const SCRIPTS: Record<string, string[]> = {
  plan: ["Subgoal 1: Calculate the pencils in all boxes.", "Yes, I will stop planning."],
  ground: ["R1 = Calculator(12 * 24)"],
  "plan-onetime": ["Subgoal 1: Calculate the pencils in all boxes."],
  "ground-onetime": ["R1 = Calculator(12 * 24)"],
};

beforeAll(async () => {
  models = await startScriptedServer(({ body }) => SCRIPTS[String(body.model)]?.[turnIndex(String(body.prompt))] ?? { status: 400 });
  const port = await freePort();
  server = startProcess(process.execPath, [CLI, "dev", "--port", String(port), "--host", "127.0.0.1", "--no-browser", "--no-reload"], {
    cwd: ROOT,
    env: { LANGGRAPH_CLI_NO_ANALYTICS: "1", LANGSMITH_TRACING: "false", LUMOS_PLANNER: "", LUMOS_GROUNDER: "" },
  });
  await waitForHttp(`http://127.0.0.1:${port}/ok`, 120_000, server.output);
  client = new Client({ apiUrl: `http://127.0.0.1:${port}` });
}, 150_000);

afterAll(async () => {
  await server?.stop();
  await models?.close();
});

describe("LangGraph server", () => {
  it("serves both graphs with the planner, grounder and executor nodes and their schemas", async () => {
    for (const graphId of ["lumos_iterative", "lumos_onetime"]) {
      const [assistant] = await client.assistants.search({ graphId });
      expect(assistant).toBeDefined();
      const drawn = await client.assistants.getGraph(assistant.assistant_id);
      expect(drawn.nodes.map((n) => n.id)).toEqual(["__start__", "planner", "grounder", "executor", "finish", "__end__"]);
      expect(drawn.edges.some((e) => e.source === "executor" && e.target === "planner" && e.conditional)).toBe(true);
      const schemas = await client.assistants.getSchemas(assistant.assistant_id);
      expect(Object.keys((schemas.input_schema as { properties: object }).properties)).toContain("task");
      expect(Object.keys((schemas.state_schema as { properties: object }).properties)).toEqual(expect.arrayContaining(["subgoals", "actions", "results", "answer", "stopReason"]));
    }
  });

  it("serves the annotation graph, which converts and verifies a GSM8K solution", async () => {
    const [assistant] = await client.assistants.search({ graphId: "lumos_annotate" });
    const drawn = await client.assistants.getGraph(assistant.assistant_id);
    expect(drawn.nodes.map((n) => n.id)).toEqual(["__start__", "convert", "verify", "__end__"]);
    const row = { question: "Tom has 3 bags of 4 apples. How many apples does he have?", answer: "He has 3*4=<<3*4=12>>12 apples.\n#### 12" };
    const out = (await client.runs.wait(null, assistant.assistant_id, { input: { id: "demo", question: row.question, gold: "12", source: row } })) as { status: string; answers: Record<string, string> };
    expect(out).toMatchObject({ status: "kept", answers: { iterative: "12", onetime: "12" } });
  });

  it("runs Lumos-I with the models given as the run's context", async () => {
    const [assistant] = await client.assistants.search({ graphId: "lumos_iterative" });
    const out = (await client.runs.wait(null, assistant.assistant_id, {
      input: { task: "How many pencils are in 12 boxes of 24 pencils?" },
      context: { planner: `completion:plan@${models.url}`, grounder: `completion:ground@${models.url}` },
    })) as { answer: string; stopReason: string; subgoals: { text: string }[] };
    expect(out).toMatchObject({ answer: "288", stopReason: "planner_stop" });
    expect(out.subgoals[0].text).toBe("Subgoal 1: Calculate the pencils in all boxes.");
  });

  it("runs Lumos-O configured in an assistant, as a Studio user would", async () => {
    const assistant = await client.assistants.create({
      graphId: "lumos_onetime",
      name: "lumos-o with scripted models",
      context: { planner: `completion:plan-onetime@${models.url}`, grounder: `completion:ground-onetime@${models.url}`, maxRounds: 4 },
    });
    const thread = await client.threads.create();
    const out = (await client.runs.wait(thread.thread_id, assistant.assistant_id, { input: { task: "How many pencils are in 12 boxes of 24 pencils?" } })) as {
      answer: string;
      stopReason: string;
    };
    expect(out).toMatchObject({ answer: "288", stopReason: "completed" });
  });

  it("ends a run cleanly with the reason when no model is configured", async () => {
    const [assistant] = await client.assistants.search({ graphId: "lumos_iterative" });
    const out = (await client.runs.wait(null, assistant.assistant_id, { input: { task: "2 + 2?" } })) as { stopReason: string; errors: { message: string }[] };
    expect(out.stopReason).toBe("configuration_error");
    expect(out.errors[0].message).toMatch(/no planner model configured/);
  });
});
