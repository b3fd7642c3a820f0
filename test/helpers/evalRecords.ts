/** Varied EvalRecords, deterministic from a seed: scores missing here and there, weights, late score names, errors, categories. */
import { evaluateDataset, type EvaluateOptions, type EvaluateResult } from "../../src/eval/evaluate.js";
import { readRecords } from "../../src/eval/predictionsFile.js";
import type { EvalRecord } from "../../src/eval/record.js";

/** A small deterministic generator (LCG), so the records are the same on every run. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export const CATEGORIES = ["hard", "easy", "extra", "medium", "10", "2"];

/** `count` records; a few of each kind of oddity the summary must get right. */
export function variedRecords(count: number, seed = 7): EvalRecord[] {
  const random = seeded(seed);
  const pick = <T>(values: T[]) => values[Math.floor(random() * values.length)];
  return Array.from({ length: count }, (_, i) => {
    const correct = random() < 0.55;
    const steps = Math.floor(random() * 4);
    const scores: Record<string, number> = { accuracy: correct ? 1 : 0 };
    // unscored now and then (A-OKVQA's difficult questions), a fraction otherwise
    if (random() < 0.8) scores.f1 = Math.round(random() * 1000) / 997;
    // weighted by a unit count that may be 0 or missing
    scores.stepRate = steps === 0 ? 0 : Math.floor(random() * (steps + 1)) / steps;
    if (random() < 0.9) scores.steps = steps;
    if (random() < 0.7) {
      scores.actions = Math.floor(random() * 3);
      scores.actionRate = random() / 3;
    }
    // a score name that appears only from some record on (a judge that was added)
    if (i >= 5 && random() < 0.6) scores.judge = correct ? 1 : 0;
    const errors = [
      ...(random() < 0.3 ? [{ kind: pick(["model_error", "tool_error", "malformed_action", "timeout"]), module: "planner", message: `failed <${i}> & "why"` }] : []),
      ...(random() < 0.1 ? [{ kind: "", module: "harness", message: "kindless" }] : []),
      ...(random() < 0.15 ? [{ kind: "tool_error", module: "executor", message: "again | piped\nline" }] : []),
    ] as EvalRecord["errors"];
    return {
      id: `task-${i}`,
      question: `What is ${i} <b>&</b> "quoted"?`,
      gold: String(i),
      ...(random() < 0.85 ? { category: pick(CATEGORIES) } : {}),
      prediction: random() < 0.1 ? null : correct ? String(i) : `${i}|${i}`,
      correct,
      scores,
      subgoals: [`Subgoal 1: think about ${i}`],
      actions: [`R1 = Calculator(${i}+0) = ${i}`],
      results: { R1: String(i) },
      errors,
      error: errors[0]?.message ?? null,
      stopReason: random() < 0.05 ? null : pick(["planner_stop", "max_rounds", "action_error", "model_error"]),
      rounds: 1 + Math.floor(random() * 5),
      timings: { totalMs: Math.floor(random() * 5000), plannerMs: Math.floor(random() * 900), grounderMs: Math.floor(random() * 900), executorMs: Math.floor(random() * 90) },
      usage: { planner: { inputTokens: Math.floor(random() * 4000), outputTokens: Math.floor(random() * 100) }, grounder: { inputTokens: Math.floor(random() * 4000), outputTokens: Math.floor(random() * 100) } },
      attempts: 1,
    };
  });
}

/** Everything an async iterable yields (Array.fromAsync is Node 22). */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** The records of a predictions file, in file order (after a run: the run's tasks in dataset order). */
export async function recordsIn(path: string): Promise<EvalRecord[]> {
  return collect(readRecords<EvalRecord>(path));
}

/** evaluateDataset with its records read back from predictions.jsonl into an array (what tests compare). */
export async function evaluateWithRecords(options: EvaluateOptions): Promise<Omit<EvaluateResult, "records"> & { records: EvalRecord[] }> {
  const result = await evaluateDataset(options);
  return { ...result, records: await collect(result.records()) };
}
