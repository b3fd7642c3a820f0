/**
 * The evaluation harness end to end: oracle runs, resume after SIGKILL, injected server failures,
 * continuous scheduling, and the reports.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gsm8kProgram } from "../../src/programs/rules/gsm8k.js";
import { loadGsm8k } from "../../src/datasets/gsm8k.js";
import type { GoldProgram } from "../../src/programs/goldProgram.js";
import type { EvalRecord } from "../../src/eval/record.js";
import { runCli } from "../helpers/cli.js";
import { FIXTURES_DIR } from "../helpers/datasets.js";
import { startGoldServer } from "../helpers/goldServer.js";
import type { ScriptedServer } from "../helpers/scriptedServer.js";

const BIN = fileURLToPath(new URL("../../bin/lumos.js", import.meta.url));
const tmp = () => mkdtempSync(join(tmpdir(), "lumos-eval-"));
const readRecords = (dir: string): EvalRecord[] =>
  readFileSync(join(dir, "predictions.jsonl"), "utf8").split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l));

let programs: GoldProgram[];
beforeAll(async () => {
  programs = (await loadGsm8k(FIXTURES_DIR)).slice(0, 60).map((i) => gsm8kProgram(i.id, i.question, (i.source as { answer: string }).answer));
});

describe("oracle evaluation", () => {
  it("runs GSM8K offline and writes predictions, summary and reports", async () => {
    const out = tmp();
    const r = await runCli(["eval", "--dataset", "gsm8k", "--planner", "oracle", "--grounder", "oracle", "--data-dir", FIXTURES_DIR, "--limit", "40", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    expect(summary).toMatchObject({ dataset: "gsm8k", formulation: "iterative", tasks: 40, answered: 40 });
    expect(summary.metrics.accuracy).toBeGreaterThanOrEqual(97.5);
    const records = readRecords(out);
    expect(records).toHaveLength(40);
    // lines are appended as tasks finish; when the run ends the file is put in dataset order
    expect(records.map((record) => record.id)).toEqual(Array.from({ length: 40 }, (_, i) => `gsm8k-test-${i}`));
    const first = records.find((record) => record.id === "gsm8k-test-0");
    expect(first).toMatchObject({ id: "gsm8k-test-0", gold: "18", prediction: "18", correct: true, stopReason: "planner_stop" });
    expect(first?.actions).toEqual(["R1 = Calculator(16-3-4) = 9", "R2 = Calculator(R1*2) = 18"]);
    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(html).toContain("<svg");
    expect(html).toContain("gsm8k-test-0");
    expect(html).not.toMatch(/<script|https?:\/\//);
    expect(readFileSync(join(out, "report.md"), "utf8")).toContain("| accuracy |");
  });

  it("refuses to overwrite an existing run without --resume", async () => {
    const out = tmp();
    const args = ["eval", "--dataset", "svamp", "--planner", "oracle", "--grounder", "oracle", "--data-dir", FIXTURES_DIR, "--limit", "3", "--out", out];
    expect((await runCli(args)).code).toBe(0);
    const again = await runCli(args);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists: pass --resume/);
    const resumed = await runCli([...args, "--resume"]);
    expect(resumed.stdout).toContain("resumed: 3 task(s) were already done");
  });
});

describe("against a model server", () => {
  let server: ScriptedServer;
  afterAll(() => server?.close());

  it("a run killed with SIGKILL and resumed ends like a clean run, without duplicate ids", async () => {
    server = await startGoldServer(programs, { delayMs: () => 15 });
    const args = (out: string) => [
      BIN, "eval", "--dataset", "gsm8k", "--data-dir", FIXTURES_DIR, "--limit", "60", "--concurrency", "4", "--out", out,
      "--planner", `completion:plan|iterative@${server.url}`, "--grounder", `completion:ground|iterative@${server.url}`,
    ];
    const clean = tmp();
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, args(clean), { stdio: "ignore" });
      child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`clean run exited ${code}`))));
    });

    const killed = tmp();
    const child = spawn(process.execPath, args(killed), { stdio: "ignore" });
    const predictions = join(killed, "predictions.jsonl");
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (existsSync(predictions) && readFileSync(predictions, "utf8").split("\n").length > 15) {
          clearInterval(poll);
          child.kill("SIGKILL");
          resolve();
        }
      }, 20);
    });
    await new Promise((r) => child.on("exit", r));
    const partial = readRecords(killed).length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(60);

    const resumed = spawn(process.execPath, [...args(killed), "--resume"], { stdio: "ignore" });
    expect(await new Promise((r) => resumed.on("exit", r))).toBe(0);
    const ids = readRecords(killed).map((r) => r.id);
    expect(ids).toHaveLength(60);
    expect(new Set(ids).size).toBe(60);
    expect(ids).toEqual(readRecords(clean).map((r) => r.id));
    expect(readFileSync(join(killed, "summary.json"), "utf8")).toBe(readFileSync(join(clean, "summary.json"), "utf8"));
  }, 120_000);

  it("with 10% of model calls failing (HTTP 500) every task is answered or has its error recorded", async () => {
    await server?.close();
    server = await startGoldServer(programs, { fail: (n) => n % 10 === 0 });
    const out = tmp();
    const r = await runCli([
      "eval", "--dataset", "gsm8k", "--data-dir", FIXTURES_DIR, "--limit", "60", "--concurrency", "8", "--out", out,
      "--planner", `completion:plan|iterative@${server.url}`, "--grounder", `completion:ground|iterative@${server.url}`,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const records = readRecords(out);
    expect(records.map((x) => x.id).sort()).toEqual(programs.map((p) => p.id).sort());
    for (const record of records) expect(record.prediction !== null || record.error !== null).toBe(true);
    expect(server.requests.filter((_, i) => (i + 1) % 10 === 0).length).toBeGreaterThan(10);
    expect(records.filter((x) => x.correct).length).toBeGreaterThanOrEqual(58);
  }, 120_000);
});
