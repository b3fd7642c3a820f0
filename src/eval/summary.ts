/**
 * summary.json: what a run measured, computed only from the records, so an interrupted-and-resumed run
 * and an uninterrupted one produce the same summary. Timing lives in the reports.
 */
import type { EvalRecord } from "./record.js";

export interface RunMeta {
  dataset: string;
  formulation: string;
  planner: string;
  grounder: string;
  subset: string;
  limit: number | null;
}

export interface Summary extends RunMeta {
  tasks: number;
  answered: number;
  /** Mean of each metric over all tasks, in percent (2 decimals). */
  metrics: Record<string, number>;
  correct: number;
  /** Errors by kind (a task may have several). */
  errorKinds: Record<string, number>;
  stopReasons: Record<string, number>;
}

const percent = (x: number) => Math.round(x * 10000) / 100;

/** Counts by key, keys sorted, empty keys skipped. */
export function countBy<T>(items: T[], key: (item: T) => string | null | undefined): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) {
    const k = key(item);
    if (k) counts[k] = (counts[k] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

export function summarize(meta: RunMeta, records: EvalRecord[], metricNames: string[]): Summary {
  const names = [...new Set([...metricNames, ...records.flatMap((r) => Object.keys(r.scores))])];
  const metrics = Object.fromEntries(
    names.map((name) => [name, records.length === 0 ? 0 : percent(records.reduce((s, r) => s + (r.scores[name] ?? 0), 0) / records.length)]),
  );
  return {
    ...meta,
    tasks: records.length,
    answered: records.filter((r) => r.prediction !== null).length,
    metrics,
    correct: records.filter((r) => r.correct).length,
    errorKinds: countBy(records.flatMap((r) => r.errors), (e) => e.kind),
    stopReasons: countBy(records, (r) => r.stopReason),
  };
}
