/** Loaders for the QA and SQL benchmark files (their domains plug into the same harness). */
import { join } from "node:path";
import { z } from "zod";
import { readJsonArrayRows } from "./format.js";
import type { DatasetItem } from "./types.js";

export const HotpotQaRowSchema = z.object({ question: z.string(), answer: z.string() });
export const StrategyQaRowSchema = z.object({ question: z.string(), answer: z.boolean() });
export const InterCodeSqlRowSchema = z.object({ db: z.string(), query: z.string(), gold: z.string(), hardness: z.string() });

/** HotpotQA dev (distractor), questions and answers: `{question, answer, type}`. */
export async function loadHotpotQa(dataDir: string): Promise<DatasetItem[]> {
  const rows = await readJsonArrayRows(join(dataDir, "hotpotqa", "dev.json"), HotpotQaRowSchema);
  return rows.map(({ row, raw }, index) => ({ id: `hotpotqa-dev-${index}`, question: row.question, gold: row.answer, source: raw }));
}

/** StrategyQA: `{question, answer: boolean}`; gold is "true" or "false". */
export async function loadStrategyQa(dataDir: string): Promise<DatasetItem[]> {
  const rows = await readJsonArrayRows(join(dataDir, "strategyqa", "test.json"), StrategyQaRowSchema);
  return rows.map(({ row, raw }, index) => ({ id: `strategyqa-${index}`, question: row.question, gold: String(row.answer).toLowerCase(), source: raw }));
}

/** InterCode-SQL (Spider dev): the task is the natural-language query, gold the SQL. */
export async function loadInterCodeSql(dataDir: string): Promise<DatasetItem[]> {
  const rows = await readJsonArrayRows(join(dataDir, "intercode_sql", "ic_spider_dev.json"), InterCodeSqlRowSchema);
  return rows.map(({ row, raw }, index) => ({
    id: `intercode-sql-${index}`,
    question: row.query,
    gold: row.gold,
    environment: { db: row.db },
    category: row.hardness,
    source: raw,
  }));
}
