/**
 * The summary folded record by record equals, byte for byte, the batch summary it replaced (kept verbatim in
 * test/helpers/batchSummary.ts), on varied records: unscored tasks, weighted metrics and unit totals, score
 * names that appear late, errors without a kind, missing stop reasons, and categories.
 */
import { describe, expect, it } from "vitest";
import { mind2webMetric } from "../../src/eval/metrics/mind2web.js";
import { TimingAccumulator, timingStats } from "../../src/eval/report/timing.js";
import { summarize, type RunMeta } from "../../src/eval/summary.js";
import { SummaryAccumulator } from "../../src/eval/summaryAccumulator.js";
import { batchSummarize } from "../helpers/batchSummary.js";
import { batchTimingStats } from "../helpers/batchReports.js";
import { variedRecords } from "../helpers/evalRecords.js";

const meta: RunMeta = { dataset: "d", formulation: "iterative", planner: "p", grounder: "g", subset: "full", limit: null, onActionError: "replan", notes: ["a note"] };
const weightedBy = { stepRate: "steps", actionRate: "actions" };
const json = (value: unknown) => JSON.stringify(value, null, 2);

describe("summary accumulator", () => {
  const records = variedRecords(300);
  const categoryOf = (id: string) => records.find((r) => r.id === id)?.category;

  it("equals the batch summary, with and without weights and categories", () => {
    const cases: [string, string[], ((id: string) => string | undefined) | undefined, Record<string, string> | undefined][] = [
      ["plain", ["accuracy", "f1"], undefined, undefined],
      ["weighted", ["accuracy", "stepRate", "actionRate", "f1"], undefined, weightedBy],
      ["categories", ["accuracy", "f1"], categoryOf, undefined],
      ["weighted categories", ["accuracy", "stepRate"], categoryOf, weightedBy],
      ["a metric no record has", ["accuracy", "never"], categoryOf, weightedBy],
      ["Mind2Web's weights", mind2webMetric.names, categoryOf, mind2webMetric.weightedBy],
    ];
    for (const [name, metricNames, categories, weights] of cases) {
      for (const slice of [records, records.slice(0, 1), records.slice(0, 7), []]) {
        const expected = json(batchSummarize(meta, slice, metricNames, categories, weights));
        expect(json(summarize(meta, slice, metricNames, categories, weights)), `${name}, ${slice.length} records`).toBe(expected);
      }
    }
    // the case must exercise what it claims to
    const summary = summarize(meta, records, ["accuracy", "stepRate", "actionRate", "f1"], categoryOf, weightedBy);
    expect(summary.averagedOver).toMatchObject({ f1: expect.any(Number), actionRate: expect.any(Number), judge: expect.any(Number) });
    expect(Object.keys(summary.totals ?? {})).toEqual(["steps", "actions"]);
    expect(Object.keys(summary.byCategory ?? {})).toEqual(["2", "10", "easy", "extra", "hard", "medium"]); // integer-like keys first, as in any JS object
    expect(Object.keys(summary.errorKinds)).not.toContain("");
  });

  it("folds one record at a time: the category comes with each record", () => {
    const accumulator = new SummaryAccumulator(["accuracy", "stepRate"], weightedBy);
    for (const record of records) accumulator.add(record, record.category);
    expect(accumulator.tasks).toBe(records.length);
    expect(json(accumulator.summary(meta))).toBe(json(batchSummarize(meta, records, ["accuracy", "stepRate"], categoryOf, weightedBy)));
  });

  it("times like the batch computation", () => {
    for (const slice of [records, records.slice(0, 3), []]) {
      expect(timingStats(slice, 12_345)).toEqual(batchTimingStats(slice, 12_345));
      expect(timingStats(slice, 0)).toEqual(batchTimingStats(slice, 0));
    }
    const merged = new TimingAccumulator();
    for (const record of records) merged.add(record);
    expect(merged.stats({ mergedRuns: 3 })).toEqual({ ...batchTimingStats(records, 0), tasksPerSecond: 0, mergedRuns: 3 });
  });
});
