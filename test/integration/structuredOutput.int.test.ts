/**
 * Structured output over HTTP: a loopback OpenAI-compatible server answers the planner and grounder with tool
 * calls (the gold programs' decisions), driven through the real `openai:` client (ChatOpenAI). The records of
 * `lumos eval --chat-style structured` equal those of the oracle writing the same decisions as text: maths,
 * complex QA (QA forms, with a scripted QA model) and Mind2Web (web forms, teacher-forced).
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { getDataset } from "../../src/eval/benchmarks.js";
import { evaluateWithRecords } from "../helpers/evalRecords.js";
import type { EvalRecord } from "../../src/eval/record.js";
import type { Formulation } from "../../src/core/records.js";
import type { LumosDomain } from "../../src/domains/types.js";
import { createMathsDomain } from "../../src/domains/maths/index.js";
import { createQaDomain } from "../../src/domains/qa/index.js";
import { LocalCorpus } from "../../src/qa/localCorpus.js";
import { webActionForms } from "../../src/domains/web/actionForms.js";
import { actionVocabulary } from "../../src/structured/vocabulary.js";
import type { ActionVocabulary } from "../../src/structured/actionForms.js";
import { goldCallLookup } from "../../src/testing/goldToolCalls.js";
import type { GoldProgram } from "../../src/programs/goldProgram.js";
import { runCli } from "../helpers/cli.js";
import { FIXTURES_DIR } from "../helpers/datasets.js";
import { startScriptedServer, type ScriptedReply, type ScriptedRequest, type ScriptedServer } from "../helpers/scriptedServer.js";

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  delete process.env.OPENAI_BASE_URL;
  delete process.env.OPENAI_API_KEY;
});

const out = () => mkdtempSync(join(tmpdir(), "lumos-structured-"));
const readRecords = (dir: string) => readFileSync(join(dir, "predictions.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as EvalRecord);

/** What must not depend on how the decisions were asked for. */
const decisions = (records: EvalRecord[]) =>
  new Map(records.map((r) => [r.id, { subgoals: r.subgoals, actions: r.actions, results: r.results, prediction: r.prediction, correct: r.correct, stopReason: r.stopReason, errors: r.errors, rounds: r.rounds }]));

/** The forced tool of a chat request, as ChatOpenAI sends it. */
function forcedTool(body: Record<string, unknown>): string | undefined {
  return (body.tool_choice as { function?: { name?: string } } | undefined)?.function?.name;
}

/** A server that answers structured requests with the programs' gold calls, and anything else with `other`. */
async function goldToolServer(programs: GoldProgram[], formulation: Formulation, vocabulary: ActionVocabulary, other?: (request: ScriptedRequest) => ScriptedReply) {
  const lookup = goldCallLookup(programs);
  return startScriptedServer((request) => {
    const tool = forcedTool(request.body);
    if (!tool) return other ? other(request) : { status: 400, body: '{"error":{"message":"no tool was forced"}}' };
    const call = lookup({ messages: request.body.messages as { role: string; content: string }[], tool, formulation, vocabulary });
    return call ? { toolCall: { name: call.name, args: call.args } } : { status: 400, body: '{"error":{"message":"no gold call"}}' };
  });
}

function programsOf(dataset: string, limit?: number): Promise<GoldProgram[]> {
  const spec = getDataset(dataset);
  return spec.load(FIXTURES_DIR).then((items) => [...spec.goldPrograms!(limit ? items.slice(0, limit) : items, FIXTURES_DIR)]);
}

describe("lumos eval --chat-style structured against a tool-calling server", () => {
  for (const formulation of ["iterative", "onetime"] as const) {
    it(`GSM8K sample, Lumos-${formulation === "iterative" ? "I" : "O"}: the same records as the oracle's text`, async () => {
      server = await goldToolServer(await programsOf("gsm8k"), formulation, actionVocabulary(createMathsDomain()));
      process.env.OPENAI_BASE_URL = server.url;
      process.env.OPENAI_API_KEY = "sk-loopback";
      // the round limit an oracle planner gets by default (its longest program), given to both
      const common = ["eval", "--dataset", "gsm8k", "--data-dir", FIXTURES_DIR, "--formulation", formulation, "--concurrency", "8", "--max-rounds", "40"];
      const textDir = out();
      const structuredDir = out();
      const text = await runCli([...common, "--planner", "oracle", "--grounder", "oracle", "--out", textDir]);
      expect(text.code, text.stderr).toBe(0);
      const structured = await runCli([...common, "--planner", "openai:plan", "--grounder", "openai:ground", "--chat-style", "structured", "--out", structuredDir]);
      expect(structured.code, structured.stderr).toBe(0);
      const expected = decisions(readRecords(textDir));
      expect(expected.size).toBe(100);
      expect(decisions(readRecords(structuredDir))).toEqual(expected);
      expect(JSON.parse(readFileSync(join(structuredDir, "run.json"), "utf8")).chatStyle).toBe("structured");
      expect(JSON.parse(readFileSync(join(textDir, "run.json"), "utf8")).chatStyle).toBeUndefined();

      // what went over the wire: the module's one tool, forced, its actions exactly the domain's tools
      const grounding = server.requests.find((r) => forcedTool(r.body) === "ground")!;
      const tools = grounding.body.tools as { type: string; function: { name: string; parameters: { properties: { actions: { items: { anyOf: { properties: { tool: { const: string } } }[] } } } } } }[];
      expect(tools.map((t) => t.function.name)).toEqual(["ground"]);
      expect(tools[0].function.parameters.properties.actions.items.anyOf.map((v) => v.properties.tool.const)).toEqual(["Calculator", "SetEquation", "SolveEquation", "Count", "SolveInequality", "Code", "Define"]);
      expect(grounding.body.tool_choice).toEqual({ type: "function", function: { name: "ground" } });
      const planning = server.requests.find((r) => forcedTool(r.body) !== "ground")!;
      expect(forcedTool(planning.body)).toBe(formulation === "iterative" ? "plan_step" : "plan");
    }, 120_000);
  }

  it("HotpotQA sample (QA forms, a scripted QA model): the same records as the oracle's text", async () => {
    const rows = JSON.parse(readFileSync(join(FIXTURES_DIR, "hotpotqa", "dev_distractor_first100.json"), "utf8")) as { question: string; answer: string }[];
    const golds = new Map(rows.map((r) => [r.question.trim(), r.answer]));
    // an extractive QA model: the gold answer when it is in the context
    const qa = ({ body }: ScriptedRequest): ScriptedReply => {
      const prompt = (body.messages as { content: string }[])[0].content;
      const question = /\nQuestion: (.*)\n/.exec(prompt)?.[1]?.trim() ?? "";
      const gold = golds.get(question);
      return gold !== undefined && prompt.includes(gold) ? `Answer: ${gold}` : "No answer";
    };
    const domain: LumosDomain = createQaDomain({ knowledge: new LocalCorpus([]) });
    server = await goldToolServer(await programsOf("hotpotqa", 40), "iterative", actionVocabulary(domain), qa);
    process.env.OPENAI_BASE_URL = server.url;
    process.env.OPENAI_API_KEY = "sk-loopback";
    const options = { dataset: "hotpotqa", dataDir: FIXTURES_DIR, limit: 40, concurrency: 8, maxRounds: 40, domainOptions: { qaModel: "openai:qa" } };
    const text = await evaluateWithRecords({ ...options, planner: "oracle", grounder: "oracle", outDir: out() });
    const structured = await evaluateWithRecords({ ...options, planner: "openai:plan", grounder: "openai:ground", chatStyle: "structured", outDir: out() });
    expect(text.records).toHaveLength(40);
    expect(text.summary.stopReasons).toEqual({ planner_stop: 40 });
    expect(text.records.some((r) => r.actions.some((a) => a.includes("= QA([")))).toBe(true);
    expect(decisions(structured.records)).toEqual(decisions(text.records));
  }, 120_000);

  it("Mind2Web sample (web forms, teacher-forced): the same records as the oracle's text", async () => {
    server = await goldToolServer(await programsOf("mind2web"), "iterative", { forms: webActionForms });
    process.env.OPENAI_BASE_URL = server.url;
    process.env.OPENAI_API_KEY = "sk-loopback";
    const options = { dataset: "mind2web", dataDir: FIXTURES_DIR, concurrency: 4 };
    const text = await evaluateWithRecords({ ...options, planner: "oracle", grounder: "oracle", outDir: out() });
    const structured = await evaluateWithRecords({ ...options, planner: "openai:plan", grounder: "openai:ground", chatStyle: "structured", outDir: out() });
    expect(text.records.length).toBeGreaterThan(0);
    expect(text.records.some((r) => r.actions.some((a) => a.includes("TYPE(")))).toBe(true);
    expect(decisions(structured.records)).toEqual(decisions(text.records));
  }, 120_000);
});

describe("lumos run --chat-style structured", () => {
  it("solves a task through tool calls and records a reply outside the schema as malformed output", async () => {
    const calls: ScriptedReply[] = [
      { toolCall: { name: "plan_step", args: { done: false, subgoal: "Subgoal 1: Calculate the total." } } },
      { toolCall: { name: "ground", args: { actions: [{ results: ["R1"], tool: "Calculator", arguments: { formula: "12 * 24" } }] }, content: "Here you go." } },
      { toolCall: { name: "plan_step", args: { done: true } } },
      // a truncated arguments string: ChatOpenAI keeps it as an invalid tool call
      { toolCall: { name: "plan_step", args: '{"done": fal' } },
    ];
    server = await startScriptedServer(() => calls.shift() ?? { status: 500 });
    process.env.OPENAI_BASE_URL = server.url;
    process.env.OPENAI_API_KEY = "sk-loopback";
    const argv = ["run", "--planner", "openai:plan", "--grounder", "openai:ground", "--chat-style", "structured", "--json", "How many pencils are in 12 boxes of 24?"];
    const solved = await runCli(argv);
    expect(solved.code, solved.stderr).toBe(0);
    const run = JSON.parse(solved.stdout);
    expect(run).toMatchObject({ answer: "288", stopReason: "planner_stop", subgoals: ["Subgoal 1: Calculate the total."], actions: ["R1 = Calculator(12 * 24) = 288"] });
    expect(run.transcripts.map((t: { completion: string }) => t.completion)).toEqual(["Subgoal 1: Calculate the total.", "R1 = Calculator(12 * 24)", "Yes, I will stop planning."]);
    expect(run.transcripts[0].usage).toEqual({ inputTokens: 10, outputTokens: 5 });

    const broken = await runCli(argv);
    expect(broken.code, broken.stderr).toBe(0);
    const failed = JSON.parse(broken.stdout);
    expect(failed.stopReason).toBe("malformed_output");
    expect(failed.errors[0]).toMatchObject({ kind: "malformed_plan", module: "planner", message: expect.stringMatching(/^the plan_step call's arguments are not valid JSON/) });
  });

  it("refuses an unknown style, naming the styles", async () => {
    const r = await runCli(["run", "--planner", "openai:p", "--grounder", "openai:g", "--chat-style", "json", "task"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("structured");
    const e = await runCli(["eval", "--dataset", "gsm8k", "--planner", "oracle", "--grounder", "oracle", "--chat-style", "json"]);
    expect(e.code).toBe(2);
    expect(e.stderr).toContain("structured");
  });
});
