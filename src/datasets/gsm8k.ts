/** GSM8K (openai/grade-school-math): `{question, answer}` lines; the answer ends with `#### N`. */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { DatasetItem } from "./types.js";

/** Gold answer as the reference compared it: text after `####`, thousands commas removed. */
export function gsm8kGold(answer: string): string {
  const parts = answer.split("####");
  return (parts[1] ?? "").trim().replace(/(\d),(\d)/g, "$1$2");
}

export async function loadGsm8k(dataDir: string, split: "test" | "train" = "test"): Promise<DatasetItem[]> {
  const text = await readFile(join(dataDir, "gsm8k", `${split}.jsonl`), "utf8");
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line, index) => {
      const row = JSON.parse(line) as { question: string; answer: string };
      return { id: `gsm8k-${split}-${index}`, question: row.question, gold: gsm8kGold(row.answer), source: row };
    });
}
