/** `lumos score`: metrics of a predictions file against a dataset's gold answers, printed as JSON. */
import { readFile } from "node:fs/promises";
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

interface PredictionLine {
  id?: string;
  question?: string;
  prediction?: string | null;
}

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
  let text: string;
  try {
    text = await readFile(values.predictions, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read ${values.predictions}: ${(error as Error).message}`);
  }
  const lines: PredictionLine[] = [];
  text.split("\n").forEach((line, index) => {
    if (line.trim() === "") return;
    try {
      lines.push(JSON.parse(line) as PredictionLine);
    } catch {
      throw new UsageError(`${values.predictions} line ${index + 1} is not JSON`);
    }
  });
  let items;
  try {
    items = await loadItems(spec, resolveDataDir(values["data-dir"]));
  } catch (error) {
    if (error instanceof EvaluationSetupError) throw new UsageError(error.message);
    throw error;
  }
  const byId = new Map(items.map((i) => [i.id, i]));
  const byQuestion = new Map(items.map((i) => [pyStrip(i.question), i]));
  const judge = values.judge ? await createLanguageModel(requireModelSpec(values.judge, "--judge"), { maxTokens: 100 }) : undefined;

  const totals: Record<string, number> = {};
  let matched = 0;
  const unmatched: number[] = [];
  for (const [index, line] of lines.entries()) {
    const item = (line.id !== undefined ? byId.get(line.id) : undefined) ?? (line.question !== undefined ? byQuestion.get(pyStrip(line.question)) : undefined);
    if (!item) {
      unmatched.push(index + 1);
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
  return unmatched.length > 0 && matched === 0 ? 1 : 0;
}
