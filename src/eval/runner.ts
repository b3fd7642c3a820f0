/**
 * The evaluation runner: bounded-concurrency continuous scheduling, a per-task timeout, task-level
 * retries of transient model failures with backoff, each finished task appended to predictions.jsonl at
 * once, and `resume` that skips finished ids, so an interrupted run ends with the same results as an
 * uninterrupted one. With `retryErrors`, a resumed run also runs again the tasks that ended on an error worth
 * another try (model errors, timeouts, harness errors) and replaces their records in place.
 *
 * Records are written and forgotten: the runner keeps only ids, and at the end puts predictions.jsonl in
 * dataset order (tasks are appended as they finish), where the reports read it as a stream.
 */
import type { DatasetItem } from "../datasets/types.js";
import type { LumosStateValue } from "../graph/state.js";
import type { Metric } from "./metrics/types.js";
import type { LumosError } from "../core/records.js";
import { errorMessage } from "../errors/message.js";
import { openTaskFile } from "./predictionsFile.js";
import { orderTaskFile } from "./taskFileOrder.js";
import { boundPrediction, failedRecord, isEvalRecord, isRetryableRecord, recordFromState, type EvalRecord } from "./record.js";
import { runScheduled, type Schedule } from "./schedule.js";
import { ProgressReporter, type ProgressSink } from "./progress.js";
import { asTaskList, type TaskList } from "./taskList.js";

export interface RunnerOptions {
  /** The tasks, as an array or as a TaskList (./taskList.ts: items read back as their tasks start). */
  items: readonly DatasetItem[] | TaskList;
  /** Runs one task; must honour the abort signal. */
  solve: (item: DatasetItem, signal: AbortSignal) => Promise<LumosStateValue>;
  metric: Metric;
  /** Extra scores (e.g. an LLM judge), merged into each record's scores. */
  extraScores?: (item: DatasetItem, prediction: string | null) => Promise<Record<string, number>>;
  predictionsPath: string;
  concurrency?: number;
  timeoutMs?: number;
  /** Task-level retries when a run ended on a retryable model error. */
  retries?: number;
  retryDelayMs?: number;
  resume?: boolean;
  /**
   * With `resume`: run again the finished tasks whose record ended on a model error (or carries a retryable
   * one), a timeout or a harness error (`isRetryableRecord`). Each new record replaces the old one in
   * predictions.jsonl (atomic rewrite, same position, no duplicate id); its `attempts` counts the new run only.
   * Default false.
   */
  retryErrors?: boolean;
  schedule?: Schedule;
  /** Where progress goes (a bar on a terminal, periodic lines otherwise). */
  progress?: ProgressSink;
  onRecord?: (record: EvalRecord) => void;
}

export interface RunnerResult {
  /**
   * The run's tasks, all recorded in predictions.jsonl, which now holds their records first, in dataset
   * order (earlier runs' when resuming, and this run's); read them with readRecords.
   */
  tasks: number;
  /** Tasks skipped because predictions.jsonl already had them. */
  resumed: number;
  /** Finished tasks run again because of `retryErrors`. */
  rerun: number;
  /** Partial or duplicate lines dropped from an interrupted predictions file. */
  dropped: number;
  wallMs: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runEvaluation(options: RunnerOptions): Promise<RunnerResult> {
  const started = performance.now();
  const resume = options.resume ?? false;
  const tasks = asTaskList(options.items);
  const ids = Array.from({ length: tasks.length }, (_, index) => tasks.id(index));
  const file = await openTaskFile<EvalRecord>(options.predictionsPath, new Set(ids), resume, {
    rerun: resume && options.retryErrors ? isRetryableRecord : undefined,
    valid: isEvalRecord,
  });
  const { done, dropped } = file;
  const resumed = done.size;
  // positions, not items: an item is read (from a spilled list) as its task starts
  const todo = ids.flatMap((id, index) => (done.has(id) ? [] : [index]));
  const progress = options.progress ? new ProgressReporter(tasks.length, options.progress, resumed) : undefined;
  const headline = options.metric.names[0];

  // a metric that fails (a scoring database that went away) scores 0 and says why; it never ends the run
  const scoresFor = async (item: DatasetItem, prediction: string | null, state?: LumosStateValue): Promise<{ scores: Record<string, number>; error?: LumosError }> => {
    let scores: Record<string, number>;
    try {
      scores = { ...(await options.metric.score(prediction, item.gold, { item, actions: state?.actions, stopReason: state?.stopReason, errors: state?.errors })) };
    } catch (error) {
      const zeros = Object.fromEntries(options.metric.names.map((name) => [name, 0]));
      return { scores: zeros, error: { kind: "scoring_error", module: "harness", message: `the task could not be scored: ${errorMessage(error)}` } };
    }
    // an extra score that fails (a judge model that is down) leaves the metric's scores as they are
    if (!options.extraScores) return { scores };
    try {
      return { scores: { ...scores, ...(await options.extraScores(item, prediction)) } };
    } catch (error) {
      return { scores, error: { kind: "scoring_error", module: "harness", message: `an extra score failed: ${errorMessage(error)}` } };
    }
  };
  const withScoringError = (record: EvalRecord, error: LumosError | undefined): EvalRecord => (error ? { ...record, errors: [...record.errors, error] } : record);

  async function runTask(item: DatasetItem): Promise<EvalRecord> {
    // the category goes into the record, so a summary can be rebuilt from predictions.jsonl alone (lumos merge)
    const base = { id: item.id, question: item.question, gold: item.gold, ...(item.category === undefined ? {} : { category: item.category }) };
    const retries = options.retries ?? 2;
    const taskStarted = performance.now();
    for (let attempt = 1; ; attempt++) {
      // a timer cleared when the attempt ends: AbortSignal.timeout would keep each task's signal, and what
      // listens to it, alive until the limit passes (10 minutes by default), growing with every task run
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(new DOMException("The operation was aborted due to timeout", "TimeoutError")), options.timeoutMs ?? 600_000);
      const signal = controller.signal;
      try {
        const state = await options.solve(item, signal);
        const retryable = state.stopReason === "model_error" && state.errors.some((e) => e.retryable);
        if (retryable && attempt <= retries) {
          await sleep((options.retryDelayMs ?? 1000) * 2 ** (attempt - 1));
          continue;
        }
        // an answer too long to store is not scored either (recordFromState stores null with an error)
        const { prediction } = boundPrediction(state.answer);
        const scored = await scoresFor(item, prediction, state);
        return withScoringError(recordFromState(base, state, scored.scores, headline, Math.round(performance.now() - taskStarted), attempt), scored.error);
      } catch (error) {
        const elapsed = Math.round(performance.now() - taskStarted);
        const timedOut = signal.aborted;
        const message = timedOut ? `task timed out after ${options.timeoutMs ?? 600_000} ms` : `task failed: ${errorMessage(error)}`;
        const scored = await scoresFor(item, null);
        return withScoringError(failedRecord(base, scored.scores, message, timedOut ? "timeout" : "task_error", elapsed, attempt), scored.error);
      } finally {
        clearTimeout(timer);
      }
    }
  }

  await runScheduled(todo, options.concurrency ?? 4, options.schedule ?? "continuous", async (index) => {
    const item = tasks.at(index);
    const record = await runTask(item);
    await (file.rerun.has(item.id) ? file.replace(record) : file.append(record));
    progress?.update(record.correct);
    options.onRecord?.(record);
  });

  await orderTaskFile(options.predictionsPath, ids);
  return {
    tasks: tasks.length,
    resumed,
    rerun: file.rerun.size,
    dropped,
    wallMs: Math.round(performance.now() - started),
  };
}
