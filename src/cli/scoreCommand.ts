/**
 * `lumos score`: metrics of a predictions file against a dataset's gold answers, printed as JSON. The file is
 * read as a stream, three times (check every line, match, score), so a file of any length is scored in the
 * memory of the dataset's items.
 */
import { errorMessage } from "../errors/message.js";
import { z } from "zod";
import { DatasetFormatError, streamJsonlRows } from "../datasets/format.js";
import { writeAtomically } from "../eval/atomicWrite.js";
import { datasetFromFlag } from "./datasetFlag.js";
import { loadItems, EvaluationSetupError } from "../eval/evaluate.js";
import { judgeCorrect } from "../eval/metrics/judge.js";
import { createLanguageModel } from "../models/fromSpec.js";
import { pyStrip } from "../protocol/pythonStrip.js";
import { resolveDataDir } from "./dataDir.js";
import { SCORE_HELP } from "./help.js";
import { parseCommandArgs, requireModelSpec } from "./options.js";
import type { CliIO } from "./io.js";
import { UsageError } from "./usageError.js";
import { DOMAIN_FLAGS, domainOptionsFromFlags } from "./domainOptions.js";
import { ConfigurationError } from "../core/errors.js";
import type { DatasetSpec } from "../eval/benchmarks.js";
import type { DatasetItem } from "../datasets/types.js";
import { countNames, type Metric, type ScoringSession } from "../eval/metrics/types.js";

/** One line of a predictions file: `id` and/or `question` to find the item, and the prediction. */
const PredictionLineSchema = z.object({
  id: z.string().optional(),
  question: z.string().optional(),
  prediction: z.string().nullable().optional(),
  // how the run ended, as lumos eval records it (WebShop's finished-episode scores read it)
  stopReason: z.string().nullable().optional().catch(undefined),
  errors: z.array(z.object({ kind: z.string(), retryable: z.boolean().optional() })).optional().catch(undefined),
});
type PredictionLine = z.infer<typeof PredictionLineSchema>;

export async function scoreCommand(argv: string[], io: CliIO): Promise<number> {
  const { values: raw } = parseCommandArgs(argv, {
    dataset: { type: "string" },
    predictions: { type: "string" },
    "data-dir": { type: "string" },
    judge: { type: "string" },
    details: { type: "string" },
    split: { type: "string" },
    help: { type: "boolean", short: "h" },
    ...DOMAIN_FLAGS,
  });
  const values = raw as Record<string, string | undefined> & { help?: boolean };
  if (values.help) {
    io.stdout(SCORE_HELP);
    return 0;
  }
  if (!values.predictions) throw new UsageError("missing --predictions FILE");
  const predictions = values.predictions;
  const spec = datasetFromFlag(values.dataset);
  // every line is checked first (a bad one refuses the file before the dataset is even loaded)
  try {
    for await (const _ of streamJsonlRows(predictions, PredictionLineSchema));
  } catch (error) {
    if (error instanceof DatasetFormatError) throw error;
    throw new UsageError(`cannot read ${predictions}: ${(error as Error).message.replace(/^ENOENT: /, "")}`);
  }
  let items;
  try {
    items = await loadItems(spec, resolveDataDir(values["data-dir"]), values.split, domainOptionsFromFlags(values));
  } catch (error) {
    if (error instanceof EvaluationSetupError) throw new UsageError(error.message);
    throw error;
  }
  const byId = new Map(items.map((i) => [i.id, i]));
  // a question text several items share (ScienceQA repeats questions with different images) identifies none of them
  const sharing = new Map<string, number>();
  for (const item of items) sharing.set(pyStrip(item.question), (sharing.get(pyStrip(item.question)) ?? 0) + 1);
  const byQuestion = new Map(items.filter((i) => sharing.get(pyStrip(i.question)) === 1).map((i) => [pyStrip(i.question), i]));
  const match = (line: PredictionLine) => (line.id !== undefined ? byId.get(line.id) : undefined) ?? (line.question !== undefined ? byQuestion.get(pyStrip(line.question)) : undefined);
  // then matched, before anything is scored: a file that matches nothing is refused
  const lines = { count: 0, matched: 0, sharedQuestions: 0 };
  for await (const { row } of streamJsonlRows(predictions, PredictionLineSchema)) {
    lines.count++;
    if (match(row)) lines.matched++;
    else if (row.question !== undefined && (sharing.get(pyStrip(row.question)) ?? 0) > 1) lines.sharedQuestions++;
  }
  if (lines.matched === 0) {
    throw new DatasetFormatError(
      predictions,
      undefined,
      `none of its ${lines.count} line(s) matches a ${spec.title} item by id or question: check --dataset and --data-dir (lines need "id" as lumos eval writes it, or the item's "question")`,
    );
  }
  const judge = values.judge ? await createLanguageModel(requireModelSpec(values.judge, "--judge"), { maxTokens: 100 }) : undefined;
  const dataDir = resolveDataDir(values["data-dir"]);
  let scoring: ScoringSession | undefined;
  try {
    scoring = await spec.scorer?.({ dataDir, domainOptions: { ...spec.defaultDomainOptions?.(dataDir), ...domainOptionsFromFlags(values) } });
  } catch (error) {
    if (error instanceof ConfigurationError) throw new UsageError(`${spec.title}: ${error.message}`);
    throw error;
  }
  try {
    return await scoreLines(io, { spec, predictions, lines: lines.count, match, judge, metric: scoring?.metric ?? spec.metric, details: values.details, sharedQuestions: lines.sharedQuestions });
  } finally {
    await scoring?.close();
  }
}

interface ScoreInput {
  spec: DatasetSpec;
  /** The predictions file (read again, line by line) and how many lines it has. */
  predictions: string;
  lines: number;
  match: (line: PredictionLine) => DatasetItem | undefined;
  judge: Awaited<ReturnType<typeof createLanguageModel>> | undefined;
  metric: Metric;
  /** Where to write each scored line's scores (JSONL), when asked. */
  details?: string;
  /** Unmatched lines whose question several items share (they need an id). */
  sharedQuestions: number;
}

/**
 * Sums and counts of each score; a score a line does not have is "not scored" there, not 0. A weighted score
 * (Mind2Web's rates, per step or action) sums value x weight, and its weights are summed too.
 */
interface Tally {
  totals: Record<string, number>;
  counts: Record<string, number>;
  weights: Record<string, number>;
}

const newTally = (): Tally => ({ totals: {}, counts: {}, weights: {} });

function addScores(tally: Tally, scores: Record<string, number>, weightedBy: Record<string, string> = {}): void {
  for (const [name, value] of Object.entries(scores)) {
    const weight = weightedBy[name] === undefined ? 1 : (scores[weightedBy[name]] ?? 0);
    tally.totals[name] = (tally.totals[name] ?? 0) + value * weight;
    tally.counts[name] = (tally.counts[name] ?? 0) + 1;
    tally.weights[name] = (tally.weights[name] ?? 0) + weight;
  }
}

/** Each score's mean over the lines that have it (weighted ones over their units), the counts' totals, and the counts of the scores that some lines lack. */
function means(tally: Tally, lines: number, counted: Set<string>): { metrics: Record<string, number>; totals?: Record<string, number>; averagedOver?: Record<string, number> } {
  const names = Object.keys(tally.totals);
  const metrics = Object.fromEntries(names.filter((k) => !counted.has(k)).map((k) => [k, tally.weights[k] === 0 ? 0 : tally.totals[k] / tally.weights[k]]));
  const totals = counted.size === 0 ? {} : { totals: Object.fromEntries(names.filter((k) => counted.has(k)).map((k) => [k, tally.totals[k]])) };
  const partial = Object.entries(tally.counts).filter(([k, n]) => n < lines && !counted.has(k));
  return { metrics, ...totals, ...(partial.length === 0 ? {} : { averagedOver: Object.fromEntries(partial) }) };
}

const asPercent = (metrics: Record<string, number>) => Object.fromEntries(Object.entries(metrics).map(([k, v]) => [k, Math.round(v * 10000) / 100]));

/** Up to `keep` entries, and how many there were. */
function firstOf<T>(keep: number) {
  const list = { count: 0, first: [] as T[] };
  return Object.assign(list, { add: (entry: T) => (list.count++ < keep ? list.first.push(entry) : 0) });
}

async function scoreLines(io: CliIO, { spec, predictions, lines, match, judge, metric, details, sharedQuestions }: ScoreInput): Promise<number> {
  const byCategory = new Map<string, Tally & { tasks: number }>();

  const tally = newTally();
  const counted = countNames(metric);
  let matched = 0;
  const unmatched = firstOf<number>(20);
  const failed = firstOf<{ line: number; message: string }>(5);
  // second pass: each matched line is scored and its scores (--details) written as it is
  async function* scored(): AsyncGenerator<string> {
    for await (const { row: line, line: number } of streamJsonlRows(predictions, PredictionLineSchema)) {
      const item = match(line);
      if (!item) {
        unmatched.add(number);
        continue;
      }
      matched++;
      const prediction = line.prediction ?? null;
      let scores: Record<string, number>;
      try {
        scores = { ...(await metric.score(prediction, item.gold, { item, stopReason: line.stopReason, errors: line.errors })) };
      } catch (error) {
        // one line that cannot be scored (its database is unreachable) scores 0 and is reported; the rest go on
        failed.add({ line: number, message: errorMessage(error) });
        scores = Object.fromEntries(metric.names.map((name) => [name, 0]));
      }
      if (judge) scores.judge = prediction === null ? 0 : await judgeCorrect(judge, item.question, prediction, item.gold);
      addScores(tally, scores, metric.weightedBy);
      yield `${JSON.stringify({ line: number, id: item.id, scores })}\n`;
      if (item.category !== undefined) {
        const group = byCategory.get(item.category) ?? { tasks: 0, ...newTally() };
        group.tasks++;
        addScores(group, scores, metric.weightedBy);
        byCategory.set(item.category, group);
      }
    }
  }
  if (details) await writeAtomically(details, scored());
  else for await (const _ of scored());
  const { metrics, totals, averagedOver } = means(tally, matched, counted);
  const percent = asPercent(metrics);
  const categories =
    byCategory.size === 0
      ? {}
      : {
          byCategory: Object.fromEntries(
            [...byCategory]
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([category, group]) => {
                const groupMeans = means(group, group.tasks, counted);
                return [category, { tasks: group.tasks, percent: asPercent(groupMeans.metrics), ...(groupMeans.totals ? { totals: groupMeans.totals } : {}), ...(groupMeans.averagedOver ? { averagedOver: groupMeans.averagedOver } : {}) }];
              }),
          ),
        };
  io.stdout(`${JSON.stringify({ dataset: spec.name, predictions: lines, scored: matched, unmatchedLines: unmatched.first, metrics, percent, ...(totals ? { totals } : {}), ...(averagedOver ? { averagedOver } : {}), ...categories, ...(failed.count > 0 ? { scoringErrors: failed.count } : {}) }, null, 2)}\n`);
  if (failed.count > 0) {
    io.stderr(`lumos score: ${failed.count} line(s) could not be scored and count 0 (${failed.first.map((f) => `line ${f.line}: ${f.message}`).join("; ")}${failed.count > 5 ? "; ..." : ""})\n`);
  }
  if (unmatched.count > 0) {
    const shared = sharedQuestions > 0 ? `; ${sharedQuestions} of them give a question that several items share, so they need the item's "id"` : "";
    io.stderr(`lumos score: ${unmatched.count} of ${lines} line(s) match no ${spec.title} item and were not scored (lines ${unmatched.first.join(", ")}${unmatched.count > 20 ? ", ..." : ""})${shared}\n`);
  }
  // the scores are printed either way; lines that could not be scored make it a failed run
  return failed.count > 0 ? 1 : 0;
}
