/**
 * A score a metric leaves out for a task (A-OKVQA's direct-answer accuracy on questions marked difficult) is
 * "not scored", not 0: the summary averages each metric over the tasks that have it and says over how many.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadAokvqa } from "../../src/datasets/aokvqa.js";
import { loadScienceQa } from "../../src/datasets/scienceqa.js";
import type { LumosStateValue } from "../../src/graph/state.js";
import { aokvqaAccuracy } from "../../src/eval/metrics/aokvqa.js";
import { scienceQaAccuracy } from "../../src/eval/metrics/scienceqa.js";
import { markdownReport } from "../../src/eval/report/markdown.js";
import { timingStats } from "../../src/eval/report/timing.js";
import { runEvaluation } from "../../src/eval/runner.js";
import { recordsIn } from "../helpers/evalRecords.js";
import { summarize } from "../../src/eval/summary.js";
import { FIXTURES_DIR } from "../helpers/datasets.js";

const meta = { dataset: "aokvqa", formulation: "iterative", planner: "p", grounder: "g", subset: "full", limit: null };

function state(answer: string | null): LumosStateValue {
  return {
    task: "", planTurns: [], groundTurns: [], subgoals: [], groundings: [], actions: [], results: {}, transcripts: [], errors: [],
    round: 1, stopReason: answer === null ? "action_error" : "planner_stop", answer,
  } as unknown as LumosStateValue;
}

describe("summary with unscored tasks", () => {
  it("averages A-OKVQA's DA accuracy over the questions not marked difficult", async () => {
    const items = await loadAokvqa(FIXTURES_DIR);
    const answers = ["winter", "B", "It is a service dog.", "Tennis", "wooden", "open", "three", "Red"];
    const path = join(mkdtempSync(join(tmpdir(), "lumos-unscored-")), "predictions.jsonl");
    await runEvaluation({
      items,
      metric: aokvqaAccuracy,
      predictionsPath: path,
      solve: async (item) => state(answers[items.findIndex((i) => i.id === item.id)]),
    });
    const result = { records: await recordsIn(path) };
    expect(result.records[2].scores).toEqual({ mcAccuracy: 1, mcAccuracyStrict: 0 });
    expect(result.records.map((r) => r.correct)).toEqual([true, true, true, true, false, false, false, true]);
    const summary = summarize(meta, result.records, aokvqaAccuracy.names);
    // the official eval_predictions.py gives MC 25.0 and DA 61.90 on these predictions
    expect(summary.metrics).toEqual({ mcAccuracy: 62.5, mcAccuracyStrict: 25, daAccuracy: 61.9 });
    expect(summary.averagedOver).toEqual({ daAccuracy: 7 });
    expect(markdownReport(summary, result.records, timingStats(result.records, 1))).toContain("| daAccuracy | 61.90 (over 7 tasks) |");
  });

  it("leaves averagedOver out when every task has every score, and breaks ScienceQA down by image", async () => {
    const items = (await loadScienceQa(FIXTURES_DIR)).slice(0, 10);
    const path = join(mkdtempSync(join(tmpdir(), "lumos-unscored-")), "predictions.jsonl");
    await runEvaluation({
      items,
      metric: scienceQaAccuracy,
      predictionsPath: path,
      solve: async (item) => state(item.category === "image" ? item.gold : "The answer is A"),
    });
    const result = { records: await recordsIn(path) };
    // records carry their task's category, so the summary can be rebuilt from the file alone
    expect(result.records.map((r) => r.category)).toEqual(items.map((i) => i.category));
    const categories = new Map(items.map((i) => [i.id, i.category]));
    const summary = summarize({ ...meta, dataset: "scienceqa" }, result.records, scienceQaAccuracy.names, (id) => categories.get(id));
    expect(summary.averagedOver).toBeUndefined();
    const images = items.filter((i) => i.category === "image").length;
    expect(summary.byCategory?.image).toEqual({ tasks: images, metrics: { accuracy: 100, robustAccuracy: 100 } });
    const noImageRobust = items.filter((i) => i.category === "no-image" && i.gold === "A").length / (10 - images);
    expect(summary.byCategory?.["no-image"]).toEqual({ tasks: 10 - images, metrics: { accuracy: 0, robustAccuracy: Math.round(noImageRobust * 10000) / 100 } });
  });
});
