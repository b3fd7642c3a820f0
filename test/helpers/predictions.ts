/** A run's predictions.jsonl read back for comparison: records in id order, without wall times (which differ run to run). */
import { readFileSync } from "node:fs";
import type { EvalRecord } from "../../src/eval/record.js";

export function comparablePredictions(path: string): Omit<EvalRecord, "timings">[] {
  return readFileSync(path, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as EvalRecord)
    .sort((a, b) => a.id.localeCompare(b.id))
    .map(({ timings: _timings, ...rest }) => rest);
}
