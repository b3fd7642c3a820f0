/** `lumos eval --resume --retry-errors`: finished tasks that ended on errors worth another try are run again and replaced in place. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { DatasetItem } from "../../src/datasets/types.js";
import { mathsAccuracy } from "../../src/eval/metrics/index.js";
import { openTaskFile, readPredictions } from "../../src/eval/predictionsFile.js";
import { isRetryableRecord, type EvalRecord } from "../../src/eval/record.js";
import { runEvaluation } from "../../src/eval/runner.js";
import { recordsIn } from "../helpers/evalRecords.js";
import { summarize } from "../../src/eval/summary.js";
import type { LumosError } from "../../src/actions/types.js";
import type { LumosStateValue } from "../../src/graph/state.js";

const items: DatasetItem[] = Array.from({ length: 8 }, (_, i) => ({ id: `t${i}`, question: `q${i}`, gold: String(i), source: null }));
const meta = { dataset: "d", formulation: "iterative", planner: "p", grounder: "g", subset: "full", limit: null };
const dir = () => mkdtempSync(join(tmpdir(), "lumos-retry-errors-"));

function state(answer: string | null, extra: Partial<LumosStateValue> = {}): LumosStateValue {
  return {
    task: "", planTurns: [], groundTurns: [], subgoals: [], groundings: [], actions: [], results: {}, transcripts: [], errors: [],
    round: 1, stopReason: answer === null ? "action_error" : "planner_stop", answer, ...extra,
  } as LumosStateValue;
}

const modelError = (retryable: boolean): LumosError => ({ kind: "model_error", module: "planner", message: retryable ? "HTTP 503" : "HTTP 404", retryable });

/** The first run: what each task does the first time. */
function firstRun(item: DatasetItem, signal: AbortSignal): Promise<LumosStateValue> {
  switch (item.id) {
    case "t1": // a model error (not even retryable): stop reason model_error
      return Promise.resolve(state(null, { stopReason: "model_error", errors: [modelError(false)] }));
    case "t2": // a timeout
      return new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason)));
    case "t3": // a harness error
      return Promise.reject(new Error("corpus file vanished"));
    case "t4": // answered, but a retryable model error on the way
      return Promise.resolve(state("999", { errors: [modelError(true)] }));
    case "t5": // a malformed action: the model's fault, not worth a retry
      return Promise.resolve(state(null, { stopReason: "action_error", errors: [{ kind: "malformed_action", module: "grounder", message: "bad" }] }));
    default:
      return Promise.resolve(state(item.gold));
  }
}

describe("runner with retryErrors", () => {
  it("picks the records worth another try", () => {
    const record = (extra: Partial<EvalRecord>) => ({ stopReason: "planner_stop", errors: [], ...extra }) as EvalRecord;
    expect(isRetryableRecord(record({ stopReason: "model_error" }))).toBe(true);
    expect(isRetryableRecord(record({ stopReason: "timeout" }))).toBe(true);
    expect(isRetryableRecord(record({ stopReason: "task_error" }))).toBe(true);
    expect(isRetryableRecord(record({ errors: [modelError(true)] }))).toBe(true);
    expect(isRetryableRecord(record({ errors: [modelError(false)] }))).toBe(false);
    expect(isRetryableRecord(record({ stopReason: "action_error" }))).toBe(false);
    expect(isRetryableRecord(record({}))).toBe(false);
  });

  it("runs them again, replaces their records in place, and ends as if they had succeeded the first time", async () => {
    const path = join(dir(), "predictions.jsonl");
    // the first run stops after six tasks (t6 and t7 are still to do)
    await runEvaluation({
      items: items.slice(0, 6), metric: mathsAccuracy, predictionsPath: path, timeoutMs: 50, retries: 0, concurrency: 3, solve: firstRun,
    });
    const first = { records: await recordsIn(path) };
    expect(first.records.map((r) => r.stopReason)).toEqual(["planner_stop", "model_error", "timeout", "task_error", "planner_stop", "action_error"]);
    const orderBefore = (await readPredictions<EvalRecord>(path)).records.map((r) => r.id);

    const solved: string[] = [];
    const second = await runEvaluation({
      items, metric: mathsAccuracy, predictionsPath: path, resume: true, retryErrors: true, retries: 2, retryDelayMs: 1, concurrency: 3,
      solve: async (item) => {
        solved.push(item.id);
        // t4 fails transiently once more before it succeeds: attempts counts this run only
        if (item.id === "t4" && solved.filter((id) => id === "t4").length === 1) {
          return state(null, { stopReason: "model_error", errors: [modelError(true)] });
        }
        return state(item.gold);
      },
    });
    expect([...new Set(solved)].sort()).toEqual(["t1", "t2", "t3", "t4", "t6", "t7"]);
    expect(second).toMatchObject({ resumed: 2, rerun: 4, dropped: 0 });

    const file = await readPredictions<EvalRecord>(path);
    expect(file.dropped).toBe(0);
    const ids = readFileSync(path, "utf8").trim().split("\n").map((line) => JSON.parse(line).id);
    expect(ids).toHaveLength(new Set(ids).size);
    // replaced records keep their place; new tasks are appended
    expect(ids).toEqual([...orderBefore, "t6", "t7"]);
    expect(readFileSync(path, "utf8")).not.toMatch(/HTTP 404|timed out|corpus file vanished/);
    const byId = new Map(file.records.map((r) => [r.id, r]));
    expect(byId.get("t4")).toMatchObject({ prediction: "4", correct: true, attempts: 2, errors: [] });
    expect(byId.get("t1")).toMatchObject({ prediction: "1", correct: true, attempts: 1 });
    expect(byId.get("t5")).toMatchObject({ stopReason: "action_error" });

    // the summary is the one of a run where those tasks succeeded the first time
    const cleanPath = join(dir(), "p.jsonl");
    await runEvaluation({
      items, metric: mathsAccuracy, predictionsPath: cleanPath,
      solve: (item, signal) => (item.id === "t5" ? firstRun(item, signal) : Promise.resolve(state(item.gold))),
    });
    const clean = { records: await recordsIn(cleanPath) };
    const summary = (records: EvalRecord[]) => summarize(meta, records, mathsAccuracy.names);
    expect(summary(file.records)).toEqual(summary(clean.records));
  });

  it("without retryErrors a resumed run keeps error records as they are", async () => {
    const path = join(dir(), "predictions.jsonl");
    await runEvaluation({ items: items.slice(0, 4), metric: mathsAccuracy, predictionsPath: path, timeoutMs: 50, retries: 0, solve: firstRun });
    const before = readFileSync(path, "utf8");
    const solved: string[] = [];
    const result = await runEvaluation({
      items: items.slice(0, 4), metric: mathsAccuracy, predictionsPath: path, resume: true,
      solve: async (item) => {
        solved.push(item.id);
        return state(item.gold);
      },
    });
    expect(solved).toEqual([]);
    expect(result.rerun).toBe(0);
    expect(readFileSync(path, "utf8")).toBe(before);
  });

  it("replacing keeps every other line, unwanted ids included, and never duplicates an id", async () => {
    const path = join(dir(), "predictions.jsonl");
    writeFileSync(path, ["a", "b", "c", "zzz"].map((id) => `${JSON.stringify({ id, v: 0 })}\n`).join(""));
    const file = await openTaskFile<{ id: string; v: number }>(path, new Set(["a", "b", "c"]), true, { rerun: (r) => r.id !== "a" });
    expect([...file.done.keys()]).toEqual(["a"]);
    expect([...file.rerun.keys()]).toEqual(["b", "c"]);
    // concurrent replacements share rewrites; an append of a known id replaces it
    await Promise.all([file.replace({ id: "c", v: 1 }), file.replace({ id: "b", v: 1 }), file.append({ id: "d", v: 1 }), file.append({ id: "a", v: 2 })]);
    await file.replace({ id: "e", v: 1 });
    const lines = readFileSync(path, "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { id: "a", v: 2 },
      { id: "b", v: 1 },
      { id: "c", v: 1 },
      { id: "zzz", v: 0 },
      { id: "d", v: 1 },
      { id: "e", v: 1 },
    ]);
  });
});
