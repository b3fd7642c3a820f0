/**
 * Training data from verified annotations: the planning or grounding conversations of one formulation, in
 * the Lumos training format (`{"dataset", "id", "messages"}`, the released data's layout) or the OpenAI chat
 * fine-tuning format (`{"messages"}`). Only kept annotations are written; the statistics say what was not.
 */
import { writeFile } from "node:fs/promises";
import type { Formulation } from "../domains/types.js";
import { readPredictions } from "../eval/predictionsFile.js";
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

export function trainingLine(record: AnnotationRecord, module: TrainedModule, formulation: Formulation, format: ExportFormat): string | undefined {
  const conversation = record.conversations?.[formulation]?.[module];
  if (!conversation || conversation.length === 0) return undefined;
  const messages = conversation.map((t) => ({ role: t.role, content: t.content }));
  return JSON.stringify(format === "lumos" ? { dataset: record.dataset, id: record.id, messages } : { messages });
}

export async function exportTrainingData(options: ExportOptions): Promise<ExportStats> {
  const records: AnnotationRecord[] = [];
  for (const file of options.annotations) {
    try {
      records.push(...(await readPredictions<AnnotationRecord>(file)).records);
    } catch (error) {
      throw new ExportError(`cannot read ${file}: ${(error as Error).message}`);
    }
  }
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
  await writeFile(options.out, lines.map((l) => `${l}\n`).join(""));
  return stats;
}
