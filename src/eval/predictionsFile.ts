/**
 * A JSONL file of finished tasks (predictions.jsonl, annotations.jsonl): one finished task per line, appended
 * as soon as it finishes. A run killed mid-write leaves at most one partial last line; reading drops it (and
 * any duplicate id, keeping the first), and the file is rewritten atomically so a resumed run appends to clean
 * data. A record can also be replaced (a task run again): the whole file is rewritten atomically (temporary
 * file, then rename) with the new record in the old one's place, so the file never holds an id twice and a
 * kill at any moment leaves either the old or the new version.
 */
import { appendFile, readFile, rename, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";

export interface PredictionsRead<T extends { id: string }> {
  records: T[];
  /** Lines that were not complete records (a partial write) or repeated an id. */
  dropped: number;
}

export async function readPredictions<T extends { id: string }>(path: string, valid: (record: T) => boolean = () => true): Promise<PredictionsRead<T>> {
  if (!existsSync(path)) return { records: [], dropped: 0 };
  const records: T[] = [];
  const seen = new Set<string>();
  let dropped = 0;
  for (const line of (await readFile(path, "utf8")).split("\n")) {
    if (line.trim() === "") continue;
    try {
      const record = JSON.parse(line) as T;
      // a line of another shape (an edited or foreign file) is dropped: its task runs again
      if (typeof record !== "object" || record === null || typeof record.id !== "string" || seen.has(record.id) || !valid(record)) {
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

/** Writes `records` as the whole file, atomically (temporary file, then rename). */
export async function repairPredictions<T>(path: string, records: Iterable<T>): Promise<void> {
  const tmp = `${path}.tmp`;
  let text = "";
  for (const record of records) text += `${JSON.stringify(record)}\n`;
  await writeFile(tmp, text);
  await rename(tmp, path);
}

export interface OpenTaskFileOptions<T> {
  /** With resume: records (of wanted ids) to run again; they are not in `done` but in `rerun`, and stay in the file until replaced. */
  rerun?: (record: T) => boolean;
  /** With resume: whether a parsed line is a record of this file's kind (others are dropped and their tasks run again). */
  valid?: (record: T) => boolean;
}

export interface TaskFile<T extends { id: string }> {
  /** Finished records of wanted ids (without those set aside to run again). */
  done: Map<string, T>;
  /** Records set aside to run again; `replace` their ids. */
  rerun: Map<string, T>;
  /** Partial or duplicate lines dropped from the file. */
  dropped: number;
  /** Adds a record at the end (a record whose id is already in the file replaces it instead). */
  append(record: T): Promise<void>;
  /** Puts a record in place of the one with its id (atomic rewrite; appends when the id is not in the file). */
  replace(record: T): Promise<void>;
}

/**
 * The resumable part of a run over a JSONL file: with `resume`, records already in the file (for ids still
 * wanted) are kept and a damaged file is repaired; returns them, the records to run again, and writers.
 * Every write goes through one queue, so appends and rewrites never interleave; replacements that arrive
 * while a rewrite waits share it.
 */
export async function openTaskFile<T extends { id: string }>(
  path: string,
  wanted: Set<string>,
  resume: boolean,
  options: OpenTaskFileOptions<T> = {},
): Promise<TaskFile<T>> {
  const previous = resume ? await readPredictions<T>(path, options.valid) : { records: [] as T[], dropped: 0 };
  const kept = previous.records.filter((r) => wanted.has(r.id));
  if (resume && previous.dropped > 0) await repairPredictions(path, previous.records);
  const again = options.rerun ?? (() => false);
  const done = new Map<string, T>();
  const rerun = new Map<string, T>();
  for (const record of kept) (again(record) ? rerun : done).set(record.id, record);

  // the file's content, in file order (Map.set on a present id keeps its position)
  const inFile = new Map<string, T>(previous.records.map((r) => [r.id, r] as const));
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (op: () => Promise<void>): Promise<void> => {
    const run = queue.then(op);
    queue = run.catch(() => undefined);
    return run;
  };
  let pendingRewrite: Promise<void> | undefined;

  const replace = (record: T): Promise<void> => {
    if (!inFile.has(record.id)) return append(record);
    inFile.set(record.id, record);
    pendingRewrite ??= enqueue(async () => {
      // later replacements start a new rewrite; earlier ones are in this one
      pendingRewrite = undefined;
      await repairPredictions(path, inFile.values());
    });
    return pendingRewrite;
  };
  const append = (record: T): Promise<void> =>
    enqueue(async () => {
      if (inFile.has(record.id)) {
        inFile.set(record.id, record);
        await repairPredictions(path, inFile.values());
        return;
      }
      inFile.set(record.id, record);
      await appendFile(path, `${JSON.stringify(record)}\n`);
    });

  return { done, rerun, dropped: previous.dropped, append, replace };
}
