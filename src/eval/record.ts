/**
 * One finished task as predictions.jsonl stores it (one JSON object per line).
 *
 * Records are bounded, so a runaway model or tool cannot blow up predictions.jsonl or the reports built from
 * it: every stored text (question, gold, prediction, subgoals, action logs, result names and values, error
 * messages and inputs) is at most MAX_RECORD_FIELD_CHARS characters, a longer one cut with a
 * `…[truncated N chars]` marker; and a record's JSON line is at most MAX_RECORD_BYTES, entries being dropped
 * from the end of its longest lists beyond that (counted in `omitted`). A prediction is never cut: an answer
 * over the field bound is not presented as real; it becomes null with an error.
 */
import type { LumosError } from "../actions/types.js";
import type { LumosStateValue } from "../graph/state.js";
import type { Usage } from "../core/records.js";

export interface EvalRecord {
  id: string;
  question: string;
  gold: string;
  /** The task's category (Spider hardness, ScienceQA image/no-image), when its dataset has them. */
  category?: string;
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
  /** Entries dropped from the end of a list to keep the record under MAX_RECORD_BYTES; absent when none were. */
  omitted?: Partial<Record<OmittableList, number>>;
}

/** Longest text one field of a record keeps, in characters (UTF-16 code units), marker included. */
export const MAX_RECORD_FIELD_CHARS = 16 * 1024;
/** Largest JSON line of one record, in UTF-8 bytes. */
export const MAX_RECORD_BYTES = 1024 * 1024;

type OmittableList = "subgoals" | "actions" | "results" | "errors";

/**
 * `text` cut to at most `max` characters with a `…[truncated N chars]` marker (N characters removed), never
 * splitting a surrogate pair. A text within the bound is returned as is, so cutting twice changes nothing.
 */
export function truncateText(text: string, max = MAX_RECORD_FIELD_CHARS): string {
  if (text.length <= max) return text;
  // the marker's length with the most digits N can have
  let keep = Math.max(0, max - `…[truncated ${text.length} chars]`.length);
  const code = text.charCodeAt(keep - 1);
  if (keep > 0 && code >= 0xd800 && code <= 0xdbff) keep--;
  return `${text.slice(0, keep)}…[truncated ${text.length - keep} chars]`;
}

/**
 * The prediction a record may store: the answer itself, or null with an error when it is over the field bound
 * (a cut answer must not be scored or shown as the real one). Score what this returns.
 */
export function boundPrediction(answer: string | null, max = MAX_RECORD_FIELD_CHARS): { prediction: string | null; error?: LumosError } {
  if (answer === null || answer.length <= max) return { prediction: answer };
  return {
    prediction: null,
    error: {
      kind: "task_error",
      module: "harness",
      message: `the answer is ${answer.length} characters long, over the ${max}-character bound of a record: it is not recorded or scored`,
    },
  };
}

function boundError(error: LumosError, max: number): LumosError {
  const message = truncateText(error.message, max);
  const input = error.input === undefined ? undefined : truncateText(error.input, max);
  if (message === error.message && input === error.input) return error;
  return { ...error, message, ...(input === undefined ? {} : { input }) };
}

const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), "utf8");

/**
 * The record with every text field within `maxField` characters and its JSON line within `maxBytes` bytes.
 * Idempotent: a bounded record comes back equal.
 */
export function boundRecord(record: EvalRecord, maxField = MAX_RECORD_FIELD_CHARS, maxBytes = MAX_RECORD_BYTES): EvalRecord {
  const cut = (text: string) => truncateText(text, maxField);
  const { prediction, error: predictionError } = boundPrediction(record.prediction, maxField);
  const errors = [...record.errors.map((e) => boundError(e, maxField)), ...(predictionError ? [predictionError] : [])];
  const bounded: EvalRecord = {
    ...record,
    question: cut(record.question),
    gold: cut(record.gold),
    prediction,
    correct: predictionError ? false : record.correct,
    // an answer that could not be kept scores nothing, in every metric
    scores: predictionError ? Object.fromEntries(Object.keys(record.scores).map((k) => [k, 0])) : record.scores,
    subgoals: record.subgoals.map(cut),
    actions: record.actions.map(cut),
    results: Object.fromEntries(Object.entries(record.results).map(([name, value]) => [cut(name), cut(value)])),
    errors,
    error: record.error === null ? (predictionError ? errors[0].message : null) : cut(record.error),
  };
  if (jsonBytes(bounded) <= maxBytes) return bounded;

  // drop entries from the end of the longest list until the line fits
  const lists: Record<OmittableList, unknown[]> = {
    subgoals: bounded.subgoals,
    actions: bounded.actions,
    results: Object.entries(bounded.results),
    errors: bounded.errors,
  };
  const sizes = Object.fromEntries(Object.entries(lists).map(([name, entries]) => [name, entries.map((e) => jsonBytes(e) + 1)])) as Record<OmittableList, number[]>;
  const totals = Object.fromEntries(Object.entries(sizes).map(([name, s]) => [name, s.reduce((a, b) => a + b, 0)])) as Record<OmittableList, number>;
  const kept = Object.fromEntries(Object.entries(lists).map(([name, entries]) => [name, entries.length])) as Record<OmittableList, number>;
  const omitted: Partial<Record<OmittableList, number>> = { ...record.omitted };
  // room for the `omitted` field itself
  let excess = jsonBytes(bounded) - maxBytes + 128;
  const names = Object.keys(lists) as OmittableList[];
  while (excess > 0) {
    const longest = names.reduce((a, b) => (totals[b] > totals[a] ? b : a));
    if (kept[longest] === 0) break;
    const size = sizes[longest][--kept[longest]];
    totals[longest] -= size;
    excess -= size;
    omitted[longest] = (omitted[longest] ?? 0) + 1;
  }
  return {
    ...bounded,
    subgoals: bounded.subgoals.slice(0, kept.subgoals),
    actions: bounded.actions.slice(0, kept.actions),
    results: Object.fromEntries(Object.entries(bounded.results).slice(0, kept.results)),
    errors: bounded.errors.slice(0, kept.errors),
    omitted,
  };
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
  base: { id: string; question: string; gold: string; category?: string },
  state: LumosStateValue,
  scores: Record<string, number>,
  headline: string,
  totalMs: number,
  attempts: number,
): EvalRecord {
  const moduleMs = (module: string) => state.transcripts.filter((t) => t.module === module).reduce((s, t) => s + t.ms, 0);
  // boundRecord turns an over-long answer into null with an error; the runner scores that same null
  return boundRecord({
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
  });
}

/** A task that never produced a state (timeout, or an exception outside the graph). */
export function failedRecord(
  base: { id: string; question: string; gold: string; category?: string },
  scores: Record<string, number>,
  message: string,
  stopReason: "timeout" | "task_error",
  totalMs: number,
  attempts: number,
): EvalRecord {
  return boundRecord({
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
  });
}

/**
 * Whether `lumos eval --resume --retry-errors` runs a finished task again: it ended on a model error (or
 * carries a retryable error, a model's or a service's such as a rerank endpoint), a timeout, or a harness error.
 */
export function isRetryableRecord(record: EvalRecord): boolean {
  if (record.stopReason === "model_error" || record.stopReason === "timeout" || record.stopReason === "task_error") return true;
  // a task that could not be scored (its database was unreachable) is run and scored again; so is one whose
  // model or service (a rerank endpoint) failed in a way that may pass
  return record.errors.some((e) => e.retryable === true || e.kind === "scoring_error");
}

/** Whether a parsed predictions line has the shape of an EvalRecord (a resumed run drops others and runs their tasks again). */
export function isEvalRecord(record: unknown): record is EvalRecord {
  const r = record as Partial<EvalRecord> | null;
  return (
    typeof r === "object" &&
    r !== null &&
    typeof r.id === "string" &&
    (typeof r.prediction === "string" || r.prediction === null) &&
    typeof r.correct === "boolean" &&
    typeof r.scores === "object" &&
    r.scores !== null &&
    Array.isArray(r.subgoals) &&
    Array.isArray(r.actions) &&
    Array.isArray(r.errors) &&
    typeof r.results === "object" &&
    r.results !== null
  );
}
