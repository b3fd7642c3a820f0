/** GSM8K (openai/grade-school-math): `{question, answer}` lines; the answer ends with `#### N`. */
import { join } from "node:path";
import { z } from "zod";
import { readJsonlRows } from "./format.js";
import type { DatasetItem } from "./types.js";

/** One GSM8K line: the solution must carry its final answer after `####`. */
export const Gsm8kRowSchema = z.object({
  question: z.string(),
  answer: z.string().refine((answer) => answer.includes("####"), { message: 'has no "#### <final answer>" marker' }),
});

/** Gold answer as the reference compared it: text after `####`, thousands commas removed. */
export function gsm8kGold(answer: string): string {
  const parts = answer.split("####");
  return (parts[1] ?? "").trim().replace(/(\d),(\d)/g, "$1$2");
}

export async function loadGsm8k(dataDir: string, split: "test" | "train" = "test"): Promise<DatasetItem[]> {
  const rows = await readJsonlRows(join(dataDir, "gsm8k", `${split}.jsonl`), Gsm8kRowSchema);
  return rows.map(({ row, raw }, index) => ({ id: `gsm8k-${split}-${index}`, question: row.question, gold: gsm8kGold(row.answer), source: raw }));
}
