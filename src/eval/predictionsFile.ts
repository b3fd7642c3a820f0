/**
 * predictions.jsonl: one finished task per line, appended as soon as it finishes. A run killed mid-write
 * leaves at most one partial last line; reading drops it (and any duplicate id, keeping the first), and
 * `repairPredictions` rewrites the file atomically so a resumed run appends to clean data.
 */
import { appendFile, readFile, rename, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import type { EvalRecord } from "./record.js";

export interface PredictionsRead {
  records: EvalRecord[];
  /** Lines that were not complete records (a partial write) or repeated an id. */
  dropped: number;
}

export async function readPredictions(path: string): Promise<PredictionsRead> {
  if (!existsSync(path)) return { records: [], dropped: 0 };
  const records: EvalRecord[] = [];
  const seen = new Set<string>();
  let dropped = 0;
  for (const line of (await readFile(path, "utf8")).split("\n")) {
    if (line.trim() === "") continue;
    try {
      const record = JSON.parse(line) as EvalRecord;
      if (typeof record.id !== "string" || seen.has(record.id)) {
        dropped++;
        continue;
      }
      seen.add(record.id);
      records.push(record);
    } catch {
      dropped++;
    }
  }
  return { records, dropped };
}

export async function repairPredictions(path: string, records: EvalRecord[]): Promise<void> {
  const tmp = `${path}.tmp`;
  await writeFile(tmp, records.map((r) => `${JSON.stringify(r)}\n`).join(""));
  await rename(tmp, path);
}

/** Serialises appends so concurrent tasks never interleave their lines. */
export function predictionsAppender(path: string): (record: EvalRecord) => Promise<void> {
  let queue: Promise<void> = Promise.resolve();
  return (record) => {
    queue = queue.then(() => appendFile(path, `${JSON.stringify(record)}\n`));
    return queue;
  };
}
