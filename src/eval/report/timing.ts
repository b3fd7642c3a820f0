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
}

export function timingStats(records: EvalRecord[], wallMs: number): TimingStats {
  const n = Math.max(records.length, 1);
  const mean = (f: (r: EvalRecord) => number) => Math.round(records.reduce((s, r) => s + f(r), 0) / n);
  const sum = (f: (r: EvalRecord) => number) => records.reduce((s, r) => s + f(r), 0);
  return {
    wallMs,
    tasksPerSecond: records.length / Math.max(wallMs / 1000, 1e-9),
    meanTaskMs: mean((r) => r.timings.totalMs),
    meanPlannerMs: mean((r) => r.timings.plannerMs),
    meanGrounderMs: mean((r) => r.timings.grounderMs),
    meanExecutorMs: mean((r) => r.timings.executorMs),
    plannerTokens: { input: sum((r) => r.usage.planner.inputTokens), output: sum((r) => r.usage.planner.outputTokens) },
    grounderTokens: { input: sum((r) => r.usage.grounder.inputTokens), output: sum((r) => r.usage.grounder.outputTokens) },
  };
}
