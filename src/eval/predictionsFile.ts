/**
 * A JSONL file of finished tasks (predictions.jsonl, annotations.jsonl): one finished task per line, appended as soon as it finishes. A run killed mid-write
 * leaves at most one partial last line; reading drops it (and any duplicate id, keeping the first), and
 * `repairPredictions` rewrites the file atomically so a resumed run appends to clean data.
 */
import { appendFile, readFile, rename, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";

export interface PredictionsRead<T extends { id: string }> {
  records: T[];
  /** Lines that were not complete records (a partial write) or repeated an id. */
  dropped: number;
}

export async function readPredictions<T extends { id: string }>(path: string): Promise<PredictionsRead<T>> {
  if (!existsSync(path)) return { records: [], dropped: 0 };
  const records: T[] = [];
  const seen = new Set<string>();
  let dropped = 0;
  for (const line of (await readFile(path, "utf8")).split("\n")) {
    if (line.trim() === "") continue;
    try {
      const record = JSON.parse(line) as T;
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

export async function repairPredictions<T>(path: string, records: T[]): Promise<void> {
  const tmp = `${path}.tmp`;
  await writeFile(tmp, records.map((r) => `${JSON.stringify(r)}\n`).join(""));
  await rename(tmp, path);
}

/** Serialises appends so concurrent tasks never interleave their lines. */
export function predictionsAppender<T>(path: string): (record: T) => Promise<void> {
  let queue: Promise<void> = Promise.resolve();
  return (record) => {
    queue = queue.then(() => appendFile(path, `${JSON.stringify(record)}\n`));
    return queue;
  };
}

/**
 * The resumable part of a run over a JSONL file: with `resume`, records already in the file (for ids still
 * wanted) are kept and a damaged file is repaired; returns them and an appender for new records.
 */
export async function openTaskFile<T extends { id: string }>(path: string, wanted: Set<string>, resume: boolean) {
  const previous = resume ? await readPredictions<T>(path) : { records: [] as T[], dropped: 0 };
  const kept = previous.records.filter((r) => wanted.has(r.id));
  if (resume && (previous.dropped > 0 || kept.length !== previous.records.length)) await repairPredictions(path, previous.records);
  return { done: new Map(kept.map((r) => [r.id, r] as const)), dropped: previous.dropped, append: predictionsAppender<T>(path) };
}
