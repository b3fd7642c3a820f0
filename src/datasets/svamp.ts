/** SVAMP: `{ID, Body, Question, Equation, Answer}`; the task is `Body + " " + Question`, gold `str(int(Answer))`. */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { DatasetItem } from "./types.js";

export interface SvampRow {
  ID: string;
  Body: string;
  Question: string;
  Equation: string;
  Answer: number;
}

export async function loadSvamp(dataDir: string): Promise<DatasetItem<SvampRow>[]> {
  const rows = JSON.parse(await readFile(join(dataDir, "svamp", "test.json"), "utf8")) as SvampRow[];
  return rows.map((row) => ({ id: row.ID, question: `${row.Body} ${row.Question}`, gold: String(Math.trunc(row.Answer)), source: row }));
}
