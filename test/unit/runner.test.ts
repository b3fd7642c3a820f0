import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import type { DatasetItem } from "../../src/datasets/types.js";
import type { LumosStateValue } from "../../src/graph/state.js";
import { mathsAccuracy } from "../../src/eval/metrics/index.js";
import { readPredictions } from "../../src/eval/predictionsFile.js";
import { runEvaluation } from "../../src/eval/runner.js";
import { runScheduled } from "../../src/eval/schedule.js";
import { recordsIn } from "../helpers/evalRecords.js";
import { summarize } from "../../src/eval/summary.js";
import { ProgressReporter } from "../../src/eval/progress.js";

const items: DatasetItem[] = Array.from({ length: 6 }, (_, i) => ({ id: `t${i}`, question: `q${i}`, gold: String(i), source: null }));

function state(answer: string | null, extra: Partial<LumosStateValue> = {}): LumosStateValue {
  return {
    task: "", planTurns: [], groundTurns: [], subgoals: [], groundings: [], actions: [], results: {}, transcripts: [], errors: [],
    round: 1, stopReason: answer === null ? "action_error" : "planner_stop", answer, ...extra,
  } as LumosStateValue;
}

const dir = () => mkdtempSync(join(tmpdir(), "lumos-runner-"));

describe("runner", () => {
  it("scores, appends every task and keeps dataset order", async () => {
    const path = join(dir(), "predictions.jsonl");
    const run = await runEvaluation({
      items, metric: mathsAccuracy, predictionsPath: path, concurrency: 3,
      solve: async (item) => {
        await new Promise((r) => setTimeout(r, 30 - Number(item.gold) * 5));
        return state(item.gold === "3" ? "3.0" : item.gold);
      },
    });
    // appended as they finished (t5 first), the file ends in dataset order
    expect(run.tasks).toBe(6);
    const result = { records: await recordsIn(path) };
    expect(result.records.map((r) => r.id)).toEqual(items.map((i) => i.id));
    expect(result.records[3].scores).toEqual({ accuracy: 0, numericAccuracy: 1 });
    expect(readFileSync(path, "utf8").trim().split("\n")).toHaveLength(6);
    const summary = summarize({ dataset: "d", formulation: "iterative", planner: "p", grounder: "g", subset: "full", limit: null }, result.records, mathsAccuracy.names);
    expect(summary.metrics).toEqual({ accuracy: 83.33, numericAccuracy: 100 });
  });

  it("retries a task that ended on a retryable model error, then records the error", async () => {
    let calls = 0;
    const path = join(dir(), "p.jsonl");
    await runEvaluation({
      items: items.slice(0, 1), metric: mathsAccuracy, predictionsPath: path, retries: 2, retryDelayMs: 1,
      solve: async () => {
        calls++;
        return state(null, { stopReason: "model_error", errors: [{ kind: "model_error", module: "planner", message: "HTTP 503", retryable: true }] });
      },
    });
    expect(calls).toBe(3);
    const result = { records: await recordsIn(path) };
    expect(result.records[0]).toMatchObject({ attempts: 3, error: "HTTP 503", stopReason: "model_error", prediction: null });
  });

  it("records a timeout instead of hanging", async () => {
    const path = join(dir(), "p.jsonl");
    await runEvaluation({
      items: items.slice(0, 1), metric: mathsAccuracy, predictionsPath: path, timeoutMs: 50,
      solve: (_item, signal) => new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason))),
    });
    const result = { records: await recordsIn(path) };
    expect(result.records[0]).toMatchObject({ stopReason: "timeout", error: "task timed out after 50 ms", correct: false });
    expect(result.records[0].errors[0]).toMatchObject({ kind: "timeout", module: "harness" });
  });

  it("resume skips finished ids and drops a partial last line", async () => {
    const path = join(dir(), "predictions.jsonl");
    await runEvaluation({ items: items.slice(0, 3), metric: mathsAccuracy, predictionsPath: path, solve: async (i) => state(i.gold) });
    writeFileSync(path, `${readFileSync(path, "utf8")}{"id":"t3","quest`);
    expect((await readPredictions(path)).dropped).toBe(1);
    const solved: string[] = [];
    const result = await runEvaluation({
      items, metric: mathsAccuracy, predictionsPath: path, resume: true,
      solve: async (i) => {
        solved.push(i.id);
        return state(i.gold);
      },
    });
    expect(solved.sort()).toEqual(["t3", "t4", "t5"]);
    expect(result).toMatchObject({ resumed: 3, dropped: 1 });
    const again = await readPredictions(path);
    expect(again.dropped).toBe(0);
    expect(again.records.map((r) => r.id).sort()).toEqual(["t0", "t1", "t2", "t3", "t4", "t5"]);
  });
});

describe("scheduling", () => {
  it("continuous scheduling starts a task as soon as a slot frees; lockstep waits for the batch", async () => {
    const durations = [80, 10, 10, 10, 80, 10, 10, 10];
    // on a fake clock, so a loaded machine cannot reorder the timers
    const timeline = async (schedule: "continuous" | "lockstep") => {
      vi.useFakeTimers();
      try {
        const started = Date.now();
        const run = runScheduled(durations, 2, schedule, (ms) => new Promise<void>((r) => setTimeout(r, ms)));
        await vi.runAllTimersAsync();
        await run;
        return Date.now() - started;
      } finally {
        vi.useRealTimers();
      }
    };
    const continuous = await timeline("continuous");
    const lockstep = await timeline("lockstep");
    // two slots: 80 || 10+10+10+80, then the three 10s after the first 80; batches take 80 + 10 + 80 + 10
    expect(continuous).toBe(110);
    expect(lockstep).toBe(180);
  });
});

describe("progress", () => {
  it("prints plain periodic lines when not on a terminal", () => {
    const lines: string[] = [];
    const progress = new ProgressReporter(3, { write: (t) => lines.push(t), isTTY: false }, 0, 0);
    progress.update(true);
    progress.update(false);
    progress.update(true);
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatch(/^progress 3\/3 [\d.]+ tasks\/s ETA 0s accuracy 66\.7%\n$/);
  });

  it("redraws one bar on a terminal", () => {
    const out: string[] = [];
    const progress = new ProgressReporter(2, { write: (t) => out.push(t), isTTY: true });
    progress.update(true);
    expect(out[0]).toMatch(/^\r\[#{15}\.{15}\] 1\/2 /);
  });
});
