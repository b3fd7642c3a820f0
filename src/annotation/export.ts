/**
 * Training data from verified annotations: the planning or grounding conversations of one formulation, in
 * the Lumos training format (`{"dataset", "id", "messages"}`, the released data's layout) or the OpenAI chat
 * fine-tuning format (`{"messages"}`). Only kept annotations are written; the statistics say what was not.
 */
import { existsSync, statSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { z } from "zod";
import type { Formulation } from "../domains/types.js";
import { DatasetFormatError, readJsonlRows } from "../datasets/format.js";
import type { AnnotationRecord } from "./annotate.js";

export type ExportFormat = "lumos" | "openai-chat";
export type TrainedModule = "plan" | "ground";

export interface ExportOptions {
  annotations: string[];
  module: TrainedModule;
  formulation: Formulation;
  format: ExportFormat;
  /** Several datasets in one file (the paper's unified model); otherwise one dataset only. */
  unified?: boolean;
  out: string;
}

export interface ExportStats {
  read: number;
  kept: number;
  rejected: number;
  written: number;
  byDataset: Record<string, { kept: number; rejected: number }>;
}

export class ExportError extends Error {
  override name = "ExportError";
}

/** What export needs of an annotations.jsonl line (the rest is checked where it is used). */
const AnnotationLineSchema = z.object({
  id: z.string(),
  dataset: z.string(),
  status: z.enum(["kept", "rejected"]),
  conversations: z.record(z.string(), z.record(z.string(), z.array(z.object({ role: z.enum(["user", "assistant"]), content: z.string() })))).nullable().optional(),
});

/** The records of one annotations file; a missing, empty or malformed file is an error naming the file and line. */
async function readAnnotations(file: string): Promise<AnnotationRecord[]> {
  if (!existsSync(file)) throw new ExportError(`cannot read ${file}: no such file (annotations.jsonl written by lumos annotate)`);
  if (statSync(file).isDirectory()) throw new ExportError(`cannot read ${file}: it is a directory (pass the annotations.jsonl inside it)`);
  try {
    const seen = new Set<string>();
    const records: AnnotationRecord[] = [];
    for (const { raw } of await readJsonlRows(file, AnnotationLineSchema)) {
      const record = raw as AnnotationRecord;
      if (seen.has(record.id)) continue; // a task written twice: the first record counts, as a resumed run reads it
      seen.add(record.id);
      records.push(record);
    }
    return records;
  } catch (error) {
    if (error instanceof DatasetFormatError && error.problem.startsWith("is not JSON")) {
      throw new DatasetFormatError(error.file, error.location, `${error.problem}; if lumos annotate was interrupted, \`lumos annotate --resume --out DIR\` repairs the file`);
    }
    throw error;
  }
}

export function trainingLine(record: AnnotationRecord, module: TrainedModule, formulation: Formulation, format: ExportFormat): string | undefined {
  const conversation = record.conversations?.[formulation]?.[module];
  if (!conversation || conversation.length === 0) return undefined;
  const messages = conversation.map((t) => ({ role: t.role, content: t.content }));
  return JSON.stringify(format === "lumos" ? { dataset: record.dataset, id: record.id, messages } : { messages });
}

export async function exportTrainingData(options: ExportOptions): Promise<ExportStats> {
  const records: AnnotationRecord[] = [];
  for (const file of options.annotations) records.push(...(await readAnnotations(file)));
  if (existsSync(options.out) && statSync(options.out).isDirectory()) throw new ExportError(`--out ${options.out} is a directory: name the training file to write`);
  const datasets = [...new Set(records.map((r) => r.dataset))];
  if (datasets.length > 1 && !options.unified) throw new ExportError(`the annotations cover several datasets (${datasets.join(", ")}): pass --unified for one combined file`);
  const stats: ExportStats = { read: records.length, kept: 0, rejected: 0, written: 0, byDataset: {} };
  const lines: string[] = [];
  for (const record of records) {
    const entry = (stats.byDataset[record.dataset] ??= { kept: 0, rejected: 0 });
    if (record.status !== "kept") {
      stats.rejected++;
      entry.rejected++;
      continue;
    }
    stats.kept++;
    entry.kept++;
    const line = trainingLine(record, options.module, options.formulation, options.format);
    if (line) lines.push(line);
  }
  stats.written = lines.length;
  if (lines.length === 0) {
    throw new ExportError(
      `nothing to export: ${stats.read} annotation(s) read from ${options.annotations.join(", ")}, ${stats.kept} kept, none with a ${options.module} ${options.formulation} conversation; ${options.out} was not written`,
    );
  }
  await writeFile(options.out, lines.map((l) => `${l}\n`).join(""));
  return stats;
}
