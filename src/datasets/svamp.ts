/** SVAMP: `{ID, Body, Question, Equation, Answer}`; the task is `Body + " " + Question`, gold `str(int(Answer))`. */
import { join } from "node:path";
import { z } from "zod";
import { readJsonArrayRows } from "./format.js";
import type { DatasetItem } from "./types.js";

export interface SvampRow {
  ID: string;
  Body: string;
  Question: string;
  Equation: string;
  Answer: number;
}

export const SvampRowSchema = z.object({ ID: z.string(), Body: z.string(), Question: z.string(), Equation: z.string(), Answer: z.number() });

export async function loadSvamp(dataDir: string): Promise<DatasetItem<SvampRow>[]> {
  const rows = await readJsonArrayRows(join(dataDir, "svamp", "test.json"), SvampRowSchema);
  return rows.map(({ row, raw }) => ({ id: row.ID, question: `${row.Body} ${row.Question}`, gold: String(Math.trunc(row.Answer)), source: raw as SvampRow }));
}
