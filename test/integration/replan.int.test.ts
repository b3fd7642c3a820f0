/**
 * Replanning end to end: HotpotQA dev questions (distractor corpus) through the evaluation harness with
 * seeded KnowledgeQuery failures and a scripted planner that writes a failed subgoal again when told, and
 * `--on-action-error` in `lumos run` and `lumos eval`.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionErrorPolicy } from "../../src/core/runOptions.js";
import { hotpotDistractorPath, type HotpotDistractorRow } from "../../src/datasets/hotpotDistractor.js";
import { createQaDomain } from "../../src/domains/qa/index.js";
import { getDataset } from "../../src/eval/benchmarks.js";
import { loadItems } from "../../src/eval/evaluate.js";
import { evaluateWithRecords } from "../helpers/evalRecords.js";
import { createChatModel } from "../../src/models/fromSpec.js";
import { LocalCorpus } from "../../src/qa/localCorpus.js";
import { startExtractiveQaServer } from "../../src/testing/extractiveQaServer.js";
import { withFlakyKnowledgeQuery } from "../../src/testing/flakyKnowledge.js";
import { startReplanGoldServer } from "../../src/testing/replanGoldServer.js";
import { runCli } from "../helpers/cli.js";
import { FIXTURES_DIR } from "../helpers/datasets.js";
import { startScriptedServer, type ScriptedServer } from "../helpers/scriptedServer.js";

const LIMIT = 30;
const spec = getDataset("hotpotqa");
const rows = JSON.parse(readFileSync(hotpotDistractorPath(FIXTURES_DIR), "utf8")) as HotpotDistractorRow[];
const out = () => mkdtempSync(join(tmpdir(), "lumos-replan-"));

describe("replanning under injected KnowledgeQuery failures", () => {
  let modules: ScriptedServer;
  let qa: ScriptedServer;
  let run: (policy: ActionErrorPolicy, rate: number) => ReturnType<typeof evaluateWithRecords>;

  beforeAll(async () => {
    const items = (await loadItems(spec, FIXTURES_DIR)).slice(0, LIMIT);
    modules = await startReplanGoldServer([...spec.goldPrograms!(items, FIXTURES_DIR)]);
    qa = await startExtractiveQaServer(new Map(rows.map((r) => [r.question.trim(), r.answer])));
    const corpus = await LocalCorpus.fromHotpotDistractor(hotpotDistractorPath(FIXTURES_DIR));
    const qaModel = await createChatModel("openai", "qa", { OPENAI_API_KEY: "sk-loopback", OPENAI_BASE_URL: qa.url }, 100);
    run = (policy, rate) =>
      evaluateWithRecords({
        dataset: "hotpotqa",
        dataDir: FIXTURES_DIR,
        planner: `completion:plan|iterative@${modules.url}`,
        grounder: `completion:ground|iterative@${modules.url}`,
        limit: LIMIT,
        concurrency: 1,
        outDir: out(),
        domain: withFlakyKnowledgeQuery(createQaDomain({ knowledge: corpus, qaModel }), corpus, { rate, seed: 1 }).domain,
        onActionError: policy,
      });
  });
  afterAll(async () => {
    await Promise.all([modules?.close(), qa?.close()]);
  });

  it("answers every task and scores as without failures, where stop loses the tasks that met one", async () => {
    const clean = await run("stop", 0);
    const stop = await run("stop", 0.2);
    const replan = await run("replan", 0.2);
    const failedUnderStop = stop.records.filter((r) => r.stopReason === "action_error").length;
    expect(failedUnderStop).toBeGreaterThan(0);
    expect(stop.summary.answered).toBe(LIMIT - failedUnderStop);
    expect(replan.summary.answered).toBe(LIMIT);
    expect(replan.summary.metrics).toEqual(clean.summary.metrics);
    expect(replan.records.map((r) => r.prediction)).toEqual(clean.records.map((r) => r.prediction));
    // the tasks that stop lost are those replan had to retry
    const retried = new Set(replan.records.filter((r) => r.errors.length > 0).map((r) => r.id));
    for (const record of stop.records.filter((r) => r.stopReason === "action_error")) expect(retried).toContain(record.id);
  }, 120_000);

  it("keeps each failed attempt in the task's record, and the planner was told of it", async () => {
    const { records } = await run("replan", 0.2);
    // a task whose first lookup failed
    const record = records.find((r) => r.errors.length > 0 && r.actions[0] === r.errors[0].input)!;
    expect(record.errors[0]).toMatchObject({ kind: "tool_error", module: "executor", message: "KnowledgeQuery: the knowledge service is unavailable, HTTP 503" });
    // logged without a value; nothing after it in its line ran; the retry ran the same action
    expect(record.actions[0]).toMatch(/^R1 = KnowledgeQuery\([^)]+\)$/);
    expect(record.actions[1].startsWith(`${record.actions[0]} = `)).toBe(true);
    // the retry is a subgoal of its own: the same text under the next number
    expect(record.subgoals[1]).toBe(record.subgoals[0].replace(/^Subgoal 1:/, "Subgoal 2:"));
    const turn = `<|user|>\nThe executed result for Subgoal 1 is an error: KnowledgeQuery failed (the knowledge service is unavailable, HTTP 503). Please revise the subgoal.\n<|assistant|>\n`;
    const question = encodeURIComponent(record.id);
    expect(modules.requests.some((r) => r.headers["x-lumos-task-id"] === question && String(r.body.prompt).endsWith(turn))).toBe(true);
  }, 120_000);
});

describe("--on-action-error on the command line", () => {
  const servers: ScriptedServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    delete process.env.OPENAI_BASE_URL;
    delete process.env.OPENAI_API_KEY;
  });

  it("lumos run --on-action-error replan feeds the failure back and records both attempts", async () => {
    const server = await startScriptedServer(({ body }) => {
      const prompt = String(body.prompt);
      if (String(body.model) === "plan") {
        if (prompt.endsWith("Please revise the subgoal.\n<|assistant|>\n")) return "No, I will keep planning. Subgoal 2: Calculate the eggs left.";
        return prompt.endsWith("Should we stop planning?\n<|assistant|>\n") ? "Yes, I will stop planning." : "Subgoal 1: Calculate the eggs left.";
      }
      return prompt.endsWith("Subgoal 2: Calculate the eggs left.\n<|assistant|>\n") ? "R1 = Calculator(16 - 3)" : "R1 = Calculator(16 -)";
    });
    servers.push(server);
    const r = await runCli([
      "run", "--planner", `completion:plan@${server.url}`, "--grounder", `completion:ground@${server.url}`, "--on-action-error", "replan", "--json",
      "A farmer has 16 eggs and uses 3. How many are left?",
    ]);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ answer: "13", stopReason: "planner_stop", rounds: 3, actions: ["R1 = Calculator(16 -)", "R1 = Calculator(16 - 3) = 13"] });
    expect(json.transcripts[2].prompt).toMatch(/\nThe executed result for Subgoal 1 is an error: Calculator failed \(.+\)\. Please revise the subgoal\.\n<\|assistant\|>\n$/);
  });

  it("lumos eval --on-action-error replan records the policy in run.json, summary.json and the reports; resuming with another is refused", async () => {
    const items = (await loadItems(spec, FIXTURES_DIR)).slice(0, 3);
    const modules = await startReplanGoldServer([...spec.goldPrograms!(items, FIXTURES_DIR)]);
    const qa = await startExtractiveQaServer(new Map(rows.map((r) => [r.question.trim(), r.answer])));
    servers.push(modules, qa);
    process.env.OPENAI_BASE_URL = qa.url;
    process.env.OPENAI_API_KEY = "sk-loopback";
    const dir = join(out(), "run");
    const args = [
      "eval", "--dataset", "hotpotqa", "--limit", "3", "--data-dir", FIXTURES_DIR, "--out", dir, "--qa-model", "openai:qa",
      "--planner", `completion:plan|iterative@${modules.url}`, "--grounder", `completion:ground|iterative@${modules.url}`,
    ];
    const r = await runCli([...args, "--on-action-error", "replan"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(", on action error replan)");
    expect(JSON.parse(readFileSync(join(dir, "run.json"), "utf8")).onActionError).toBe("replan");
    expect(JSON.parse(readFileSync(join(dir, "summary.json"), "utf8"))).toMatchObject({ onActionError: "replan", answered: 3 });
    expect(readFileSync(join(dir, "report.md"), "utf8")).toContain(", on action error replan");
    const resumed = await runCli([...args, "--resume", "--on-action-error", "stop"]);
    expect(resumed.code).toBe(2);
    expect(resumed.stderr).toContain('onActionError: was "replan", now (not set)');
  }, 60_000);

  it("refuses replan where there is nothing to replan, and an unknown policy", async () => {
    const model = ["--planner", "completion:m@http://127.0.0.1:9/v1", "--grounder", "completion:m@http://127.0.0.1:9/v1"];
    const web = await runCli(["run", ...model, "--domain", "web", "--on-action-error", "replan", "Book a flight"]);
    expect(web.code).toBe(2);
    expect(web.stderr).toMatch(/the web domain replays recorded steps/);
    const onetime = await runCli(["eval", "--dataset", "gsm8k", ...model, "--data-dir", FIXTURES_DIR, "--formulation", "onetime", "--on-action-error", "replan", "--out", join(out(), "x")]);
    expect(onetime.code).toBe(2);
    expect(onetime.stderr).toMatch(/replanning needs Lumos-I's feedback turns/);
    const unknown = await runCli(["eval", "--dataset", "gsm8k", ...model, "--data-dir", FIXTURES_DIR, "--on-action-error", "retry", "--out", join(out(), "y")]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--on-action-error/);
  });
});
