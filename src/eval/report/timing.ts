/** Timing and token figures of a run, for the reports (not the summary: they differ between runs). */
import type { EvalRecord } from "../record.js";

export interface TimingStats {
  wallMs: number;
  tasksPerSecond: number;
  meanTaskMs: number;
  meanPlannerMs: number;
  meanGrounderMs: number;
  meanExecutorMs: number;
  plannerTokens: { input: number; output: number };
  grounderTokens: { input: number; output: number };
  /**
   * Set when the records come from several runs (`lumos merge`): there is no one wall time, so `wallMs` and
   * `tasksPerSecond` are 0 and the reports say so; the per-task figures are the records' own.
   */
  mergedRuns?: number;
}

/** The figures folded one record at a time (sums in record order, as the batch computation adds them). */
export class TimingAccumulator {
  private tasks = 0;
  private totalMs = 0;
  private plannerMs = 0;
  private grounderMs = 0;
  private executorMs = 0;
  private readonly planner = { input: 0, output: 0 };
  private readonly grounder = { input: 0, output: 0 };

  add(record: EvalRecord): void {
    this.tasks++;
    this.totalMs += record.timings.totalMs;
    this.plannerMs += record.timings.plannerMs;
    this.grounderMs += record.timings.grounderMs;
    this.executorMs += record.timings.executorMs;
    this.planner.input += record.usage.planner.inputTokens;
    this.planner.output += record.usage.planner.outputTokens;
    this.grounder.input += record.usage.grounder.inputTokens;
    this.grounder.output += record.usage.grounder.outputTokens;
  }

  /** The figures of one run that took `wallMs`, or of records merged from `{ mergedRuns }` runs. */
  stats(wall: number | { mergedRuns: number }): TimingStats {
    const n = Math.max(this.tasks, 1);
    const mean = (sum: number) => Math.round(sum / n);
    const wallMs = typeof wall === "number" ? wall : 0;
    return {
      wallMs,
      tasksPerSecond: typeof wall === "number" ? this.tasks / Math.max(wallMs / 1000, 1e-9) : 0,
      meanTaskMs: mean(this.totalMs),
      meanPlannerMs: mean(this.plannerMs),
      meanGrounderMs: mean(this.grounderMs),
      meanExecutorMs: mean(this.executorMs),
      plannerTokens: { ...this.planner },
      grounderTokens: { ...this.grounder },
      ...(typeof wall === "number" ? {} : { mergedRuns: wall.mergedRuns }),
    };
  }
}

export function timingStats(records: Iterable<EvalRecord>, wallMs: number): TimingStats {
  const accumulator = new TimingAccumulator();
  for (const record of records) accumulator.add(record);
  return accumulator.stats(wallMs);
}
