/**
 * `lumos annotate`: the annotation graph over a dataset with the evaluation runner's machinery (bounded
 * concurrency, retries of transient teacher failures, annotations.jsonl appended as tasks finish, resume).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { BaseLanguageModelInterface } from "@langchain/core/language_models/base";
import { getDataset } from "../eval/benchmarks.js";
import { loadGsm8k } from "../datasets/gsm8k.js";
import type { DatasetItem } from "../datasets/types.js";
import { DatasetFormatError } from "../datasets/format.js";
import { createDomainKit } from "../domains/kit.js";
import { resolveDomain } from "../domains/resolve.js";
import { loadItems, EvaluationSetupError } from "../eval/evaluate.js";
import { writeAtomically } from "../eval/atomicWrite.js";
import { openTaskFile, readRecords } from "../eval/predictionsFile.js";
import { runScheduled } from "../eval/schedule.js";
import { orderTaskFile } from "../eval/taskFileOrder.js";
import { ProgressReporter, type ProgressSink } from "../eval/progress.js";
import { createAnnotationGraph, type AnnotationStateValue } from "./graph.js";

export interface AnnotationRecord {
  id: string;
  dataset: string;
  question: string;
  gold: string;
  method: "teacher" | "rule";
  status: "kept" | "rejected";
  reason: string | null;
  teacherOutput: string | null;
  steps: { subgoal: string; actions: string[] }[] | null;
  answers: Record<string, string | null>;
  conversations: AnnotationStateValue["conversations"];
  attempts: number;
}

export interface AnnotateOptions {
  dataset: string;
  dataDir: string;
  /** "train" (GSM8K's default) or "test". */
  split?: "train" | "test";
  teacher?: BaseLanguageModelInterface;
  limit?: number;
  concurrency?: number;
  outDir: string;
  resume?: boolean;
  retries?: number;
  retryDelayMs?: number;
  /** Where progress lines go (a bar on a terminal). */
  progress?: ProgressSink;
}

export interface AnnotationSummary {
  dataset: string;
  split: string;
  method: "teacher" | "rule";
  total: number;
  kept: number;
  rejected: number;
  /** Rejections by the reason's kind (its text before the first colon). */
  rejections: Record<string, number>;
}

async function itemsFor(name: string, dataDir: string, split: "train" | "test"): Promise<DatasetItem[]> {
  const spec = getDataset(name);
  if (spec.domain !== "maths") throw new EvaluationSetupError(`annotation is wired for the maths datasets (gsm8k, svamp); ${spec.title} is not`);
  if (name === "gsm8k") {
    try {
      return await loadGsm8k(dataDir, split);
    } catch (error) {
      if (error instanceof DatasetFormatError) throw error;
      throw new EvaluationSetupError(`cannot read GSM8K ${split} from ${dataDir}: ${(error as Error).message}. Run \`lumos data pull gsm8k\``);
    }
  }
  return loadItems(spec, dataDir);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function annotateDataset(options: AnnotateOptions) {
  const spec = getDataset(options.dataset);
  const split = options.split ?? (options.dataset === "gsm8k" ? "train" : "test");
  const all = await itemsFor(options.dataset, options.dataDir, split);
  const items = options.limit ? all.slice(0, options.limit) : all;
  await mkdir(options.outDir, { recursive: true });
  const path = join(options.outDir, "annotations.jsonl");
  const { done, append } = await openTaskFile<AnnotationRecord>(path, new Set(items.map((i) => i.id)), options.resume ?? false);
  const domain = await resolveDomain(spec.domain, {}, createDomainKit(options.dataDir));
  const graph = createAnnotationGraph({ dataset: spec, domain, teacher: options.teacher, dataDir: options.dataDir });
  const progress = options.progress ? new ProgressReporter(items.length, options.progress, done.size) : undefined;

  await runScheduled(items.filter((i) => !done.has(i.id)), options.concurrency ?? 4, "continuous", async (item) => {
    let state: AnnotationStateValue;
    let attempts = 0;
    for (;;) {
      attempts++;
      state = await graph.invoke({ id: item.id, question: item.question, gold: item.gold, source: item.source });
      if (!state.retryable || attempts > (options.retries ?? 2)) break;
      await sleep((options.retryDelayMs ?? 1000) * 2 ** (attempts - 1));
    }
    const record: AnnotationRecord = {
      id: item.id,
      dataset: spec.name,
      question: item.question,
      gold: item.gold,
      method: state.method,
      status: state.status === "kept" ? "kept" : "rejected",
      reason: state.reason,
      teacherOutput: state.teacherOutput,
      steps: state.steps,
      answers: state.answers,
      conversations: state.conversations,
      attempts,
    };
    await append(record);
    progress?.update(record.status === "kept");
  });

  // records are written and forgotten: the file, put in dataset order, is read back as a stream (its first
  // items.length records are the run's)
  await orderTaskFile(path, items.map((i) => i.id));
  const records = () => firstRecords(path, items.length);
  const counts = { total: 0, kept: 0, rejected: 0 };
  const reasons: Record<string, number> = {};
  for await (const record of records()) {
    counts.total++;
    if (record.status === "kept") counts.kept++;
    if (record.status !== "rejected") continue;
    counts.rejected++;
    const kind = (record.reason ?? "unknown").split(":")[0];
    if (kind) reasons[kind] = (reasons[kind] ?? 0) + 1;
  }
  const summary: AnnotationSummary = {
    dataset: spec.name,
    split,
    method: options.teacher ? "teacher" : "rule",
    ...counts,
    rejections: Object.fromEntries(Object.entries(reasons).sort(([a], [b]) => a.localeCompare(b))),
  };
  await writeFile(join(options.outDir, "summary.json"), `${JSON.stringify(summary, null, 2)}\n`);
  async function* rejections() {
    yield `# Rejected annotations (${counts.rejected} of ${counts.total})\n\n`;
    if (counts.rejected === 0) {
      yield "None.\n";
      return;
    }
    yield "| id | reason |\n| --- | --- |\n";
    for await (const r of records()) if (r.status === "rejected") yield `| ${r.id} | ${(r.reason ?? "").replace(/\|/g, "\\|").replace(/\n/g, " ")} |\n`;
  }
  await writeAtomically(join(options.outDir, "rejections.md"), rejections());
  return { summary, path };
}

async function* firstRecords(path: string, count: number): AsyncGenerator<AnnotationRecord> {
  if (count <= 0) return;
  let read = 0;
  for await (const record of readRecords<AnnotationRecord>(path)) {
    yield record;
    if (++read >= count) return;
  }
}
