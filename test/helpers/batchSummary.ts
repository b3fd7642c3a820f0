/** The batch summary as it was before SummaryAccumulator (commit 5654925), kept verbatim as the reference the accumulator must equal. */
import type { EvalRecord } from "../../src/eval/record.js";
import type { RunMeta, Summary } from "../../src/eval/summary.js";

const percent = (x: number) => Math.round(x * 10000) / 100;

/** Counts by key, keys sorted, empty keys skipped. */
function countBy<T>(items: T[], key: (item: T) => string | null | undefined): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) {
    const k = key(item);
    if (k) counts[k] = (counts[k] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Mean of each named score, in percent, over the records that have it (a missing score means "not scored",
 * not 0; a score no record has is 0), and the counts of the scores averaged over fewer than all records.
 */
function meanScores(names: string[], records: EvalRecord[], weightedBy: Record<string, string> = {}): { metrics: Record<string, number>; averagedOver?: Record<string, number>; totals?: Record<string, number> } {
  const metrics: Record<string, number> = {};
  const averagedOver: Record<string, number> = {};
  const counts = new Set(Object.values(weightedBy));
  const total = (name: string, among: EvalRecord[]) => among.reduce((s, r) => s + (r.scores[name] ?? 0), 0);
  for (const name of names) {
    if (counts.has(name)) continue;
    const scored = records.filter((r) => r.scores[name] !== undefined);
    const weight = weightedBy[name];
    if (weight !== undefined) {
      // a weighted mean: each task counts as many times as it has units (steps, actions)
      const units = total(weight, scored);
      metrics[name] = units === 0 ? 0 : percent(scored.reduce((s, r) => s + r.scores[name] * (r.scores[weight] ?? 0), 0) / units);
    } else {
      metrics[name] = scored.length === 0 ? 0 : percent(scored.reduce((s, r) => s + r.scores[name], 0) / scored.length);
    }
    if (scored.length < records.length) averagedOver[name] = scored.length;
  }
  const totals = counts.size === 0 ? {} : { totals: Object.fromEntries([...counts].map((name) => [name, total(name, records)])) };
  return { metrics, ...(Object.keys(averagedOver).length === 0 ? {} : { averagedOver }), ...totals };
}

/** `categoryOf` gives a task's category by id (Spider hardness); the summary then breaks the metrics down by it. */
export function batchSummarize(meta: RunMeta, records: EvalRecord[], metricNames: string[], categoryOf?: (id: string) => string | undefined, weightedBy?: Record<string, string>): Summary {
  const names = [...new Set([...metricNames, ...records.flatMap((r) => Object.keys(r.scores))])];
  const means = meanScores(names, records, weightedBy);
  const groups = new Map<string, EvalRecord[]>();
  for (const record of records) {
    const category = categoryOf?.(record.id);
    if (category !== undefined) groups.set(category, [...(groups.get(category) ?? []), record]);
  }
  const byCategory =
    groups.size === 0
      ? {}
      : { byCategory: Object.fromEntries([...groups].sort(([a], [b]) => a.localeCompare(b)).map(([category, group]) => [category, { tasks: group.length, ...meanScores(names, group, weightedBy) }])) };
  return {
    ...meta,
    tasks: records.length,
    answered: records.filter((r) => r.prediction !== null).length,
    ...means,
    correct: records.filter((r) => r.correct).length,
    errorKinds: countBy(records.flatMap((r) => r.errors), (e) => e.kind),
    stopReasons: countBy(records, (r) => r.stopReason),
    ...byCategory,
  };
}
