/**
 * The files a run folder ends with, built from its predictions.jsonl as a stream: one pass folds the summary,
 * the timing figures and the first misses; report.html reads the file twice more as it is written. So a run
 * of any length is reported in the memory of one record. `lumos eval` and `lumos merge` both end here.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { readRecords } from "./predictionsFile.js";
import { boundRecord, isEvalRecord, type EvalRecord } from "./record.js";
import { writeHtmlReport } from "./report/html.js";
import { MAX_LISTED_MISSES, markdownReportOf } from "./report/markdown.js";
import { TimingAccumulator, type TimingStats } from "./report/timing.js";
import type { RunMeta, Summary } from "./summary.js";
import { SummaryAccumulator } from "./summaryAccumulator.js";

export interface RunPaths {
  predictions: string;
  summary: string;
  markdown: string;
  html: string;
}

export function runPaths(outDir: string): RunPaths {
  return {
    predictions: join(outDir, "predictions.jsonl"),
    summary: join(outDir, "summary.json"),
    markdown: join(outDir, "report.md"),
    html: join(outDir, "report.html"),
  };
}

/**
 * The run's records, read one at a time from a predictions file in dataset order: its first `tasks` records
 * (lines of ids that are not the run's follow them). Records of earlier runs may predate the record bounds;
 * what is reported is bounded.
 */
export async function* runRecords(path: string, tasks: number): AsyncGenerator<EvalRecord> {
  if (tasks <= 0) return;
  let read = 0;
  for await (const record of readRecords<EvalRecord>(path, isEvalRecord)) {
    yield boundRecord(record);
    if (++read >= tasks) return;
  }
}

export interface ReportInputs {
  paths: RunPaths;
  meta: RunMeta;
  /** How many records of the predictions file are the run's (the first ones). */
  tasks: number;
  metricNames: string[];
  weightedBy?: Record<string, string>;
  /** A task's category when its record does not say (records written before records carried it). */
  categoryOf?: (id: string) => string | undefined;
  /** The run's wall time, or how many runs were merged. */
  wall: number | { mergedRuns: number };
}

/** Writes summary.json, report.md and report.html from the predictions file; returns the summary and timing. */
export async function writeRunReports(inputs: ReportInputs): Promise<{ summary: Summary; timing: TimingStats }> {
  const { paths, tasks } = inputs;
  const summaryOf = new SummaryAccumulator(inputs.metricNames, inputs.weightedBy);
  const timingOf = new TimingAccumulator();
  const misses = { count: 0, first: [] as EvalRecord[] };
  for await (const record of runRecords(paths.predictions, tasks)) {
    summaryOf.add(record, record.category ?? inputs.categoryOf?.(record.id));
    timingOf.add(record);
    if (!record.correct && misses.count++ < MAX_LISTED_MISSES) misses.first.push(record);
  }
  const summary = summaryOf.summary(inputs.meta);
  const timing = timingOf.stats(inputs.wall);
  await writeFile(paths.summary, `${JSON.stringify(summary, null, 2)}\n`);
  await writeFile(paths.markdown, markdownReportOf(summary, misses, timing));
  await writeHtmlReport(paths.html, summary, timing, () => runRecords(paths.predictions, tasks));
  return { summary, timing };
}
