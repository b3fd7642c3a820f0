import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { DatasetItem } from "../../src/datasets/types.js";
import {
  boundPrediction,
  boundRecord,
  failedRecord,
  MAX_RECORD_BYTES,
  MAX_RECORD_FIELD_CHARS,
  recordFromState,
  truncateText,
  type EvalRecord,
} from "../../src/eval/record.js";
import { runEvaluation } from "../../src/eval/runner.js";
import { recordsIn } from "../helpers/evalRecords.js";
import type { LumosStateValue } from "../../src/graph/state.js";

const base = { id: "t1", question: "q", gold: "3" };
const bytes = (record: EvalRecord) => Buffer.byteLength(JSON.stringify(record), "utf8");

function state(extra: Partial<LumosStateValue>): LumosStateValue {
  return {
    task: "", planTurns: [], groundTurns: [], subgoals: [], groundings: [], actions: [], results: {}, transcripts: [], errors: [],
    round: 1, stopReason: "planner_stop", answer: "3", ...extra,
  } as LumosStateValue;
}

describe("truncateText", () => {
  it("keeps short texts and cuts long ones with a marker, within the bound", () => {
    expect(truncateText("abc", 10)).toBe("abc");
    const cut = truncateText("x".repeat(1000), 100);
    expect(cut.length).toBeLessThanOrEqual(100);
    expect(cut).toMatch(/^x+…\[truncated (\d+) chars\]$/);
    const removed = Number(/truncated (\d+) chars/.exec(cut)![1]);
    expect(cut.indexOf("…") + removed).toBe(1000);
    expect(truncateText(cut, 100)).toBe(cut);
  });

  it("never splits a surrogate pair", () => {
    const emoji = "\ud83d\ude00".repeat(500);
    for (let max = 40; max < 60; max++) {
      const cut = truncateText(emoji, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut.slice(0, cut.indexOf("…"))).toMatch(/^(\ud83d\ude00)*$/);
    }
  });
});

describe("bounded records", () => {
  it("a prediction over the bound becomes null with an error, and is not scored as correct", () => {
    const answer = "3".repeat(MAX_RECORD_FIELD_CHARS + 1);
    expect(boundPrediction(answer).prediction).toBeNull();
    const record = recordFromState(base, state({ answer }), { accuracy: 1 }, "accuracy", 5, 1);
    expect(record.prediction).toBeNull();
    expect(record.correct).toBe(false);
    expect(record.error).toMatch(/^the answer is 16385 characters long, over the 16384-character bound of a record/);
    expect(record.errors.at(-1)).toMatchObject({ kind: "task_error", module: "harness" });
    expect(boundPrediction("3")).toEqual({ prediction: "3" });
  });

  it("caps every text field: subgoals, action logs, result names and values, error messages and inputs", () => {
    const huge = "y".repeat(200_000);
    const record = recordFromState(
      { id: "t", question: huge, gold: huge },
      state({
        subgoals: [{ index: 1, text: huge, planOutput: huge }],
        actions: [{ subgoal: 1, text: "a", tool: "Calculator", outputs: ["R1"], values: [huge], logged: `R1 = Calculator(1) = ${huge}`, ms: 1 }],
        results: { R1: huge, [`R${"9".repeat(50_000)}`]: "1" },
        errors: [{ kind: "tool_error", module: "executor", message: huge, input: huge }],
        stopReason: "action_error",
        answer: null,
      }),
      { accuracy: 0 },
      "accuracy",
      5,
      1,
    );
    const texts = [record.question, record.gold, record.subgoals[0], record.actions[0], ...Object.keys(record.results), ...Object.values(record.results), record.errors[0].message, record.errors[0].input!, record.error!];
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(MAX_RECORD_FIELD_CHARS);
    expect(record.results.R1).toMatch(/…\[truncated \d+ chars\]$/);
    expect(bytes(record)).toBeLessThan(300_000);
    expect(boundRecord(record)).toEqual(record);
  });

  it("keeps a record with many long entries under MAX_RECORD_BYTES, counting what it dropped", () => {
    const n = 100;
    // some entries escape to 6 JSON bytes per character
    const long = (i: number) => `${i}:${(i % 10 === 0 ? "\u0001" : "y").repeat(MAX_RECORD_FIELD_CHARS)}`;
    const record = failedRecord(base, { accuracy: 0 }, long(0), "task_error", 1, 1);
    const big = boundRecord({
      ...record,
      subgoals: Array.from({ length: n }, (_, i) => long(i)),
      actions: Array.from({ length: n }, (_, i) => long(i)),
      results: Object.fromEntries(Array.from({ length: n }, (_, i) => [`R${i}`, long(i)])),
      errors: [...record.errors, ...Array.from({ length: n }, (_, i) => ({ kind: "tool_error" as const, module: "executor" as const, message: long(i) }))],
    });
    expect(bytes(big)).toBeLessThanOrEqual(MAX_RECORD_BYTES);
    expect(bytes(big)).toBeGreaterThan(MAX_RECORD_BYTES * 0.8);
    expect(big.omitted).toBeDefined();
    const kept = { subgoals: big.subgoals.length, actions: big.actions.length, results: Object.keys(big.results).length, errors: big.errors.length };
    expect(kept.subgoals + (big.omitted!.subgoals ?? 0)).toBe(n);
    expect(kept.errors + (big.omitted!.errors ?? 0)).toBe(n + 1);
    // the first entries stay; the first error is still the record's error
    expect(big.subgoals[0].startsWith("0:")).toBe(true);
    expect(big.errors[0].message).toBe(big.error);
    expect(boundRecord(big)).toEqual(big);
  });

  it("the runner scores the bounded prediction and writes bounded lines", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "lumos-record-")), "predictions.jsonl");
    const items: DatasetItem[] = [{ id: "long", question: "q", gold: "yes", source: null }];
    await runEvaluation({
      items,
      metric: { names: ["contains"], score: (prediction) => ({ contains: prediction !== null && prediction.includes("yes") ? 1 : 0 }) },
      predictionsPath: path,
      solve: async () => state({ answer: `yes ${"z".repeat(5 * 1024 * 1024)}`, results: { R1: "z".repeat(5 * 1024 * 1024) } }),
    });
    expect((await recordsIn(path))[0]).toMatchObject({ prediction: null, correct: false, scores: { contains: 0 } });
    expect(readFileSync(path, "utf8").length).toBeLessThan(64 * 1024);
  });
});
