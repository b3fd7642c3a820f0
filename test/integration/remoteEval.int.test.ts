/**
 * `lumos eval --remote` against the local LangGraph server (one dev server for the file, on a free loopback
 * port, stopped by PID), with the models played by a gold-program completions server that the local and the
 * remote runs share: the same predictions and summary as a local run, a resumed run that crosses from local
 * to remote, the per-task timeout cancelling the server's run, clear refusals, a server killed and restarted
 * in the middle of a run without losing a task (a run waits for it; one past its retry window records errors
 * that `--resume --retry-errors` runs again).
 */
import { Client } from "@langchain/langgraph-sdk";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadGsm8k } from "../../src/datasets/gsm8k.js";
import type { EvalRecord } from "../../src/eval/record.js";
import { gsm8kProgram } from "../../src/programs/rules/gsm8k.js";
import { runCli } from "../helpers/cli.js";
import { FIXTURES_DIR } from "../helpers/datasets.js";
import { startGoldServer } from "../helpers/goldServer.js";
import { killLangGraphDev, langgraphProject, startLangGraphDev, type DevServer } from "../helpers/langgraphDev.js";
import { freePort } from "../helpers/processes.js";
import type { ScriptedServer } from "../helpers/scriptedServer.js";

const TASKS = 16;
const folders: string[] = [];
const tmp = () => {
  folders.push(mkdtempSync(join(tmpdir(), "lumos-remote-")));
  return folders[folders.length - 1];
};
const readRecords = (dir: string): EvalRecord[] =>
  readFileSync(join(dir, "predictions.jsonl"), "utf8").split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l) as EvalRecord);
const readJson = (dir: string, file: string): unknown => JSON.parse(readFileSync(join(dir, file), "utf8"));
/** Records by id without what measures time (the only fields a run on another machine may change). */
const comparable = (records: EvalRecord[]) => Object.fromEntries(records.map(({ timings: _t, ...rest }) => [rest.id, rest]));

let project: string;
let port: number;
let server: DevServer;
let gold: ScriptedServer;
// the gold server's latency, set per test: long enough that a run is in flight when the server is killed
let latencyMs = 0;
// the local runs every remote run is compared with, by formulation
const local: Record<string, string> = {};
const TASKS_BY_FORMULATION: Record<string, number> = { iterative: TASKS, onetime: 6 };

const evalArgs = (out: string, formulation = "iterative", tasks = TASKS) => [
  "eval", "--dataset", "gsm8k", "--data-dir", FIXTURES_DIR, "--limit", String(tasks), "--concurrency", "4", "--formulation", formulation, "--out", out,
  "--planner", `completion:plan|${formulation}@${gold.url}`, "--grounder", `completion:ground|${formulation}@${gold.url}`,
];

beforeAll(async () => {
  // two tasks have no gold program: their model calls fail (HTTP 404), so error records are compared too
  const items = (await loadGsm8k(FIXTURES_DIR)).slice(0, TASKS);
  const programs = items.filter((_, i) => i !== 3 && i !== 12).map((i) => gsm8kProgram(i.id, i.question, (i.source as { answer: string }).answer));
  gold = await startGoldServer(programs, { delayMs: () => latencyMs });
  project = langgraphProject(["lumos_iterative", "lumos_onetime", "lumos_review"]);
  port = await freePort();
  // the local reference runs while the server starts
  const starting = startLangGraphDev(project, port);
  try {
    for (const [formulation, tasks] of Object.entries(TASKS_BY_FORMULATION)) {
      local[formulation] = tmp();
      const run = await runCli(evalArgs(local[formulation], formulation, tasks));
      if (run.code !== 0) throw new Error(run.stderr);
    }
  } finally {
    server = await starting;
  }
}, 180_000);

afterAll(async () => {
  await server?.stop();
  await gold?.close();
  for (const folder of [project, ...folders]) if (folder) rmSync(folder, { recursive: true, force: true });
});

describe("lumos eval --remote", () => {
  it("gives the same predictions, summary and run identity as a local run, for both formulations", async () => {
    for (const [formulation, tasks] of Object.entries(TASKS_BY_FORMULATION)) {
      const remote = tmp();
      const r = await runCli([...evalArgs(remote, formulation, tasks), "--remote", server.url]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain(`running on the LangGraph server ${server.url}`);
      expect(r.stderr).toContain(`(graph lumos_${formulation})`);
      const records = readRecords(remote);
      expect(records).toHaveLength(tasks);
      expect(comparable(records)).toEqual(comparable(readRecords(local[formulation])));
      expect(readJson(remote, "summary.json")).toEqual(readJson(local[formulation], "summary.json"));
      expect(readJson(remote, "run.json")).toEqual(readJson(local[formulation], "run.json"));
    }
    const summary = readJson(local.iterative, "summary.json") as { correct: number; stopReasons: Record<string, number> };
    expect(summary.stopReasons.model_error).toBe(2);
    expect(summary.correct).toBeGreaterThanOrEqual(TASKS - 3);
  }, 120_000);

  it("resumes a local run on the server: the same run, finished remotely", async () => {
    const out = tmp();
    cpSync(local.iterative, out, { recursive: true });
    const lines = readFileSync(join(out, "predictions.jsonl"), "utf8").split("\n").filter((l) => l !== "");
    writeFileSync(join(out, "predictions.jsonl"), `${lines.slice(0, 6).join("\n")}\n`);
    const r = await runCli([...evalArgs(out), "--resume", "--remote", server.url]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("resumed: 6 task(s)");
    expect(comparable(readRecords(out))).toEqual(comparable(readRecords(local.iterative)));
    expect(readJson(out, "summary.json")).toEqual(readJson(local.iterative, "summary.json"));
  }, 60_000);

  it("cancels the server's run when a task times out, and leaves no thread behind", async () => {
    latencyMs = 3_000;
    const out = tmp();
    const r = await runCli([...evalArgs(out, "iterative", 2), "--timeout-s", "1", "--remote", server.url]);
    latencyMs = 0;
    expect(r.code, r.stderr).toBe(0);
    const records = readRecords(out);
    expect(records.map((record) => record.stopReason)).toEqual(["timeout", "timeout"]);
    const client = new Client({ apiUrl: server.url, apiKey: null });
    for (const record of records) expect(await client.threads.search({ metadata: { lumos_eval_task: record.id } })).toEqual([]);
    // nothing of them still runs on the server
    const busy = await client.threads.search({ status: "busy" });
    expect(busy).toEqual([]);
  }, 60_000);

  it("refuses what cannot run remotely, with a clear message and no stack trace", async () => {
    const base = evalArgs(tmp(), "iterative", 2);
    const cases: [string[], number, RegExp][] = [
      [[...base, "--assistant", "lumos_iterative"], 2, /--assistant goes with --remote/],
      [[...base, "--remote", "ftp://example.org"], 2, /--remote: "ftp:\/\/example.org" is not an http\(s\) URL/],
      [[...base, "--remote", server.url, "--planner", "oracle"], 2, /--planner oracle replays gold programs .* cannot run on a LangGraph server/],
      [[...base, "--remote", server.url, "--assistant", "nope"], 2, /no assistant or graph "nope" \(its graphs: lumos_iterative, lumos_onetime, lumos_review\)/],
      [[...base, "--remote", server.url, "--assistant", "lumos_review"], 2, /pauses for human review/],
      [[...base, "--remote", `http://127.0.0.1:${await freePort()}`], 1, /cannot use the LangGraph server at http:\/\/127\.0\.0\.1:\d+: .*Is it running/],
    ];
    for (const [args, code, message] of cases) {
      const r = await runCli(args);
      expect(r.code, r.stderr).toBe(code);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  }, 60_000);

  it("loses no task when the server is killed mid-run: a run waits for the restart, a run past its retry window records errors that --resume --retry-errors runs again", async () => {
    latencyMs = 60;
    const recorded = (dir: string) => {
      const path = join(dir, "predictions.jsonl");
      return existsSync(path) ? readFileSync(path, "utf8").split("\n").filter((l) => l !== "").length : 0;
    };
    // two runs at once on the one server: one waits (default window), one gives up after 1 s
    const waiting = tmp();
    const givingUp = tmp();
    const givingUpArgs = [...evalArgs(givingUp, "iterative", 8), "--remote", server.url, "--remote-retry-s", "1"];
    const waitingRun = runCli([...evalArgs(waiting), "--remote", server.url]);
    const givingUpRun = runCli(givingUpArgs);
    while (recorded(waiting) < 3 || recorded(givingUp) < 2) await new Promise((r) => setTimeout(r, 50));
    await killLangGraphDev(server);
    const atKill = recorded(waiting);

    // never a crash: the run that gave up has a record for every task, the ones the server failed say why
    const gaveUp = await givingUpRun;
    expect(gaveUp.code, gaveUp.stderr).toBe(0);
    const partial = readRecords(givingUp);
    expect(partial).toHaveLength(8);
    const failed = partial.filter((record) => record.stopReason === "task_error");
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0].error).toMatch(/^task failed: the LangGraph server at http:\/\/127\.0\.0\.1:\d+ failed for \d+ s, past the retry window/);

    server = await startLangGraphDev(project, port);
    const waited = await waitingRun;
    expect(waited.code, waited.stderr).toBe(0);
    expect(atKill).toBeLessThan(TASKS);
    const records = readRecords(waiting);
    expect(new Set(records.map((record) => record.id)).size).toBe(TASKS);
    expect(comparable(records)).toEqual(comparable(readRecords(local.iterative)));
    expect(readJson(waiting, "summary.json")).toEqual(readJson(local.iterative, "summary.json"));

    const resumed = await runCli([...givingUpArgs, "--resume", "--retry-errors"]);
    latencyMs = 0;
    expect(resumed.code, resumed.stderr).toBe(0);
    const reference = comparable(readRecords(local.iterative));
    expect(comparable(readRecords(givingUp))).toEqual(Object.fromEntries(partial.map((record) => [record.id, reference[record.id]])));
  }, 180_000);
});
