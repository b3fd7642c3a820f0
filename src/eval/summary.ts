/**
 * summary.json: what a run measured, computed only from the records, so an interrupted-and-resumed run
 * and an uninterrupted one produce the same summary. Timing lives in the reports.
 */
import type { EvalRecord } from "./record.js";
import { SummaryAccumulator } from "./summaryAccumulator.js";

export interface RunMeta {
  dataset: string;
  formulation: string;
  planner: string;
  grounder: string;
  subset: string;
  limit: number | null;
  /** The dataset's split, for datasets with several (Mind2Web). */
  split?: string;
  /** What a failed action did, when not "stop" (the default). */
  onActionError?: string;
  /** The slice of the run's tasks this run evaluated (`lumos eval --shard 2/4`), when it is one. */
  shard?: string;
  /** What every reader of the results must know (the ranker that ranked candidates; a fallback says so). */
  notes?: string[];
}

export interface Summary extends RunMeta {
  tasks: number;
  answered: number;
  /**
   * Mean of each metric, in percent (2 decimals), over the tasks whose scores have it: a metric may leave a
   * task unscored (A-OKVQA's direct-answer accuracy skips questions marked difficult), which is not a 0.
   */
  metrics: Record<string, number>;
  /** For metrics averaged over fewer tasks than `tasks`: how many they were averaged over. */
  averagedOver?: Record<string, number>;
  /** Sums of the metric's per-task counts (Mind2Web: steps and grounded actions), when it has any. */
  totals?: Record<string, number>;
  correct: number;
  /** Errors by kind (a task may have several). */
  errorKinds: Record<string, number>;
  stopReasons: Record<string, number>;
  /** Metrics by the dataset's category (Spider hardness), when its items have one. */
  byCategory?: Record<string, { tasks: number; metrics: Record<string, number>; averagedOver?: Record<string, number>; totals?: Record<string, number> }>;
}

/** Counts by key, keys sorted, empty keys skipped. */
export function countBy<T>(items: T[], key: (item: T) => string | null | undefined): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) {
    const k = key(item);
    if (k) counts[k] = (counts[k] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * The summary of `records` (a fold of SummaryAccumulator, which a run uses record by record). `categoryOf`
 * gives a task's category by id (Spider hardness); the summary then breaks the metrics down by it.
 */
export function summarize(meta: RunMeta, records: Iterable<EvalRecord>, metricNames: string[], categoryOf?: (id: string) => string | undefined, weightedBy?: Record<string, string>): Summary {
  const accumulator = new SummaryAccumulator(metricNames, weightedBy);
  for (const record of records) accumulator.add(record, categoryOf?.(record.id));
  return accumulator.summary(meta);
}
