/**
 * The summary of a run folded one record at a time, so a run of any length is summarised from its
 * predictions file without holding its records. Sums are added in record order, as a batch computation over
 * the same records adds them, so the summary is the same to the last bit.
 */
import type { EvalRecord } from "./record.js";
import type { RunMeta, Summary } from "./summary.js";

const percent = (x: number) => Math.round(x * 10000) / 100;

/** Sorted counts, as summary.json shows them (empty keys are not counted). */
function sortedCounts(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

/** One score over the records that have it. */
interface ScoreTally {
  scored: number;
  sum: number;
  /** Weighted scores: sum of score x units, and of the units. */
  weighted: number;
  units: number;
}

/** The tallies of a group of records (the whole run, or one category). */
class GroupTally {
  tasks = 0;
  readonly scores = new Map<string, ScoreTally>();
  readonly totals = new Map<string, number>();

  add(record: Pick<EvalRecord, "scores">, weightedBy: Record<string, string>, counts: Set<string>): void {
    this.tasks++;
    for (const [name, value] of Object.entries(record.scores)) {
      if (value === undefined) continue;
      let tally = this.scores.get(name);
      if (!tally) this.scores.set(name, (tally = { scored: 0, sum: 0, weighted: 0, units: 0 }));
      tally.scored++;
      tally.sum += value;
      const weight = weightedBy[name];
      if (weight !== undefined) {
        tally.weighted += value * (record.scores[weight] ?? 0);
        tally.units += record.scores[weight] ?? 0;
      }
    }
    for (const name of counts) this.totals.set(name, (this.totals.get(name) ?? 0) + (record.scores[name] ?? 0));
  }

  /** Mean of each named score in percent (a score no record has is 0), the counts of the scores some records lack, and the unit totals. */
  means(names: string[], weightedBy: Record<string, string>, counts: Set<string>): { metrics: Record<string, number>; averagedOver?: Record<string, number>; totals?: Record<string, number> } {
    const metrics: Record<string, number> = {};
    const averagedOver: Record<string, number> = {};
    for (const name of names) {
      if (counts.has(name)) continue;
      const tally = this.scores.get(name) ?? { scored: 0, sum: 0, weighted: 0, units: 0 };
      // a weighted mean: each task counts as many times as it has units (steps, actions)
      if (weightedBy[name] !== undefined) metrics[name] = tally.units === 0 ? 0 : percent(tally.weighted / tally.units);
      else metrics[name] = tally.scored === 0 ? 0 : percent(tally.sum / tally.scored);
      if (tally.scored < this.tasks) averagedOver[name] = tally.scored;
    }
    const totals = counts.size === 0 ? {} : { totals: Object.fromEntries([...counts].map((name) => [name, this.totals.get(name) ?? 0])) };
    return { metrics, ...(Object.keys(averagedOver).length === 0 ? {} : { averagedOver }), ...totals };
  }
}

export class SummaryAccumulator {
  /** Score names in first-seen order: the metric's own, then any a record adds. */
  private readonly names: Set<string>;
  /** The scores that count units of weighted ones (Mind2Web's steps and actions): totals, not means. */
  private readonly counts: Set<string>;
  private readonly all = new GroupTally();
  private readonly categories = new Map<string, GroupTally>();
  private answered = 0;
  private correct = 0;
  private readonly errorKinds: Record<string, number> = {};
  private readonly stopReasons: Record<string, number> = {};

  constructor(
    metricNames: string[],
    private readonly weightedBy: Record<string, string> = {},
  ) {
    this.names = new Set(metricNames);
    this.counts = new Set(Object.values(weightedBy));
  }

  /** Folds in one record; `category` is its task's category (Spider hardness), when the dataset has them. */
  add(record: EvalRecord, category?: string): void {
    for (const name of Object.keys(record.scores)) this.names.add(name);
    this.all.add(record, this.weightedBy, this.counts);
    if (category !== undefined) {
      let group = this.categories.get(category);
      if (!group) this.categories.set(category, (group = new GroupTally()));
      group.add(record, this.weightedBy, this.counts);
    }
    if (record.prediction !== null) this.answered++;
    if (record.correct) this.correct++;
    for (const error of record.errors) if (error.kind) this.errorKinds[error.kind] = (this.errorKinds[error.kind] ?? 0) + 1;
    if (record.stopReason) this.stopReasons[record.stopReason] = (this.stopReasons[record.stopReason] ?? 0) + 1;
  }

  /** Records folded so far. */
  get tasks(): number {
    return this.all.tasks;
  }

  summary(meta: RunMeta): Summary {
    const names = [...this.names];
    const byCategory =
      this.categories.size === 0
        ? {}
        : {
            byCategory: Object.fromEntries(
              [...this.categories].sort(([a], [b]) => a.localeCompare(b)).map(([category, group]) => [category, { tasks: group.tasks, ...group.means(names, this.weightedBy, this.counts) }]),
            ),
          };
    return {
      ...meta,
      tasks: this.all.tasks,
      answered: this.answered,
      ...this.all.means(names, this.weightedBy, this.counts),
      correct: this.correct,
      errorKinds: sortedCounts(this.errorKinds),
      stopReasons: sortedCounts(this.stopReasons),
      ...byCategory,
    };
  }
}
