/** `lumos score`: metrics of a predictions file against a dataset's gold answers, printed as JSON. */
import { z } from "zod";
import { DatasetFormatError, readJsonlRows } from "../datasets/format.js";
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

/** One line of a predictions file: `id` and/or `question` to find the item, and the prediction. */
const PredictionLineSchema = z.object({
  id: z.string().optional(),
  question: z.string().optional(),
  prediction: z.string().nullable().optional(),
});
type PredictionLine = z.infer<typeof PredictionLineSchema>;

export async function scoreCommand(argv: string[], io: CliIO): Promise<number> {
  const { values: raw } = parseCommandArgs(argv, {
    dataset: { type: "string" },
    predictions: { type: "string" },
    "data-dir": { type: "string" },
    judge: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  const values = raw as Record<string, string | undefined> & { help?: boolean };
  if (values.help) {
    io.stdout(SCORE_HELP);
    return 0;
  }
  if (!values.predictions) throw new UsageError("missing --predictions FILE");
  const spec = datasetFromFlag(values.dataset);
  let rows: { row: PredictionLine; line: number }[];
  try {
    rows = await readJsonlRows(values.predictions, PredictionLineSchema);
  } catch (error) {
    if (error instanceof DatasetFormatError) throw error;
    throw new UsageError(`cannot read ${values.predictions}: ${(error as Error).message.replace(/^ENOENT: /, "")}`);
  }
  let items;
  try {
    items = await loadItems(spec, resolveDataDir(values["data-dir"]));
  } catch (error) {
    if (error instanceof EvaluationSetupError) throw new UsageError(error.message);
    throw error;
  }
  const lines = rows.map(({ row }) => row);
  const byId = new Map(items.map((i) => [i.id, i]));
  const byQuestion = new Map(items.map((i) => [pyStrip(i.question), i]));
  const matches = lines.map((line) => (line.id !== undefined ? byId.get(line.id) : undefined) ?? (line.question !== undefined ? byQuestion.get(pyStrip(line.question)) : undefined));
  if (matches.every((m) => m === undefined)) {
    throw new DatasetFormatError(
      values.predictions,
      undefined,
      `none of its ${lines.length} line(s) matches a ${spec.title} item by id or question: check --dataset and --data-dir (lines need "id" as lumos eval writes it, or the item's "question")`,
    );
  }
  const judge = values.judge ? await createLanguageModel(requireModelSpec(values.judge, "--judge"), { maxTokens: 100 }) : undefined;

  const totals: Record<string, number> = {};
  let matched = 0;
  const unmatched: number[] = [];
  for (const [index, line] of lines.entries()) {
    const item = matches[index];
    if (!item) {
      unmatched.push(rows[index].line);
      continue;
    }
    matched++;
    const prediction = line.prediction ?? null;
    const scores = spec.metric.score(prediction, item.gold);
    if (judge) scores.judge = prediction === null ? 0 : await judgeCorrect(judge, item.question, prediction, item.gold);
    for (const [name, value] of Object.entries(scores)) totals[name] = (totals[name] ?? 0) + value;
  }
  const metrics = Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, matched === 0 ? 0 : v / matched]));
  const percent = Object.fromEntries(Object.entries(metrics).map(([k, v]) => [k, Math.round(v * 10000) / 100]));
  io.stdout(`${JSON.stringify({ dataset: spec.name, predictions: lines.length, scored: matched, unmatchedLines: unmatched.slice(0, 20), metrics, percent }, null, 2)}\n`);
  if (unmatched.length > 0) io.stderr(`lumos score: ${unmatched.length} of ${lines.length} line(s) match no ${spec.title} item and were not scored (lines ${unmatched.slice(0, 20).join(", ")}${unmatched.length > 20 ? ", ..." : ""})\n`);
  return 0;
}
