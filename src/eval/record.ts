/** One finished task as predictions.jsonl stores it (one JSON object per line). */
import type { LumosError } from "../actions/types.js";
import type { LumosStateValue } from "../graph/state.js";
import type { Usage } from "../core/records.js";

export interface EvalRecord {
  id: string;
  question: string;
  gold: string;
  prediction: string | null;
  /** The headline metric is 1 for this task. */
  correct: boolean;
  /** Every metric's score for this task (0..1). */
  scores: Record<string, number>;
  subgoals: string[];
  actions: string[];
  results: Record<string, string>;
  errors: LumosError[];
  /** First error message, or null. */
  error: string | null;
  stopReason: string | null;
  rounds: number;
  timings: { totalMs: number; plannerMs: number; grounderMs: number; executorMs: number };
  usage: { planner: Usage; grounder: Usage };
  /** How many times the task was run (1 unless transient model errors forced a retry). */
  attempts: number;
}

function sumUsage(state: LumosStateValue, module: "planner" | "grounder"): Usage {
  return state.transcripts
    .filter((t) => t.module === module)
    .reduce((acc, t) => ({ inputTokens: acc.inputTokens + (t.usage?.inputTokens ?? 0), outputTokens: acc.outputTokens + (t.usage?.outputTokens ?? 0) }), {
      inputTokens: 0,
      outputTokens: 0,
    });
}

export function recordFromState(
  base: { id: string; question: string; gold: string },
  state: LumosStateValue,
  scores: Record<string, number>,
  headline: string,
  totalMs: number,
  attempts: number,
): EvalRecord {
  const moduleMs = (module: string) => state.transcripts.filter((t) => t.module === module).reduce((s, t) => s + t.ms, 0);
  return {
    ...base,
    prediction: state.answer,
    correct: scores[headline] === 1,
    scores,
    subgoals: state.subgoals.map((s) => s.text),
    actions: state.actions.map((a) => a.logged),
    results: state.results,
    errors: state.errors,
    error: state.errors[0]?.message ?? null,
    stopReason: state.stopReason,
    rounds: state.round,
    timings: { totalMs, plannerMs: moduleMs("planner"), grounderMs: moduleMs("grounder"), executorMs: state.actions.reduce((s, a) => s + a.ms, 0) },
    usage: { planner: sumUsage(state, "planner"), grounder: sumUsage(state, "grounder") },
    attempts,
  };
}

/** A task that never produced a state (timeout, or an exception outside the graph). */
export function failedRecord(
  base: { id: string; question: string; gold: string },
  scores: Record<string, number>,
  message: string,
  stopReason: "timeout" | "task_error",
  totalMs: number,
  attempts: number,
): EvalRecord {
  return {
    ...base,
    prediction: null,
    correct: false,
    scores,
    subgoals: [],
    actions: [],
    results: {},
    errors: [{ kind: stopReason, module: "harness", message }],
    error: message,
    stopReason,
    rounds: 0,
    timings: { totalMs, plannerMs: 0, grounderMs: 0, executorMs: 0 },
    usage: { planner: { inputTokens: 0, outputTokens: 0 }, grounder: { inputTokens: 0, outputTokens: 0 } },
    attempts,
  };
}
