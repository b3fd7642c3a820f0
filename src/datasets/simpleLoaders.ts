/** Loaders for the QA and SQL benchmark files (their domains plug into the same harness). */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { DatasetItem } from "./types.js";

async function readJson<T>(path: string): Promise<T> {
  return JSON.parse(await readFile(path, "utf8")) as T;
}

/** HotpotQA dev (distractor), questions and answers: `{question, answer, type}`. */
export async function loadHotpotQa(dataDir: string): Promise<DatasetItem[]> {
  const rows = await readJson<{ question: string; answer: string; type?: string }[]>(join(dataDir, "hotpotqa", "dev.json"));
  return rows.map((row, index) => ({ id: `hotpotqa-dev-${index}`, question: row.question, gold: row.answer, source: row }));
}

/** StrategyQA: `{question, answer: boolean}`; gold is "true" or "false". */
export async function loadStrategyQa(dataDir: string): Promise<DatasetItem[]> {
  const rows = await readJson<{ question: string; answer: boolean }[]>(join(dataDir, "strategyqa", "test.json"));
  return rows.map((row, index) => ({ id: `strategyqa-${index}`, question: row.question, gold: String(row.answer).toLowerCase(), source: row }));
}

/** InterCode-SQL (Spider dev): the task is the natural-language query, gold the SQL. */
export async function loadInterCodeSql(dataDir: string): Promise<DatasetItem[]> {
  const rows = await readJson<{ db: string; query: string; gold: string; hardness: string }[]>(join(dataDir, "intercode_sql", "ic_spider_dev.json"));
  return rows.map((row, index) => ({ id: `intercode-sql-${index}`, question: row.query, gold: row.gold, source: row }));
}
