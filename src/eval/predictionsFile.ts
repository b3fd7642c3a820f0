/**
 * A JSONL file of finished tasks (predictions.jsonl, annotations.jsonl): one finished task per line, appended
 * as soon as it finishes. A run killed mid-write leaves at most one partial last line; reading drops it (and
 * any duplicate id, keeping the first), and the file is rewritten atomically so a resumed run appends to clean
 * data. A record can also be replaced (a task run again): the whole file is rewritten atomically (temporary
 * file, then rename) with the new record in the old one's place, so the file never holds an id twice and a
 * kill at any moment leaves either the old or the new version.
 *
 * Records are written and forgotten: the file is read line by line and only ids are kept in memory (what
 * resume and replacement need), so a run of any length holds no record it has finished.
 */
import { appendFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { writeAtomically } from "./atomicWrite.js";
import { fileLines } from "../datasets/fileLines.js";

export interface PredictionsRead<T extends { id: string }> {
  records: T[];
  /** Lines that were not complete records (a partial write) or repeated an id. */
  dropped: number;
}

type Check<T> = (record: T) => boolean;

/** A line's record, or undefined when it is not one (not JSON, another shape, or `valid` refuses it). */
function parseRecord<T extends { id: string }>(text: string, valid: Check<T>): T | undefined {
  try {
    const record = JSON.parse(text) as T;
    // a line of another shape (an edited or foreign file) is dropped: its task runs again
    if (typeof record !== "object" || record === null || typeof record.id !== "string" || !valid(record)) return undefined;
    return record;
  } catch {
    return undefined;
  }
}

/**
 * The file's records in file order, without partial or duplicate lines, one at a time; `onDropped` hears of
 * each line left out (by its 1-based number). Blank lines are skipped silently.
 */
export async function* readRecords<T extends { id: string }>(path: string, valid: Check<T> = () => true, onDropped?: (line: number) => void): AsyncGenerator<T> {
  if (!existsSync(path)) return;
  const seen = new Set<string>();
  for await (const line of fileLines(path)) {
    if (line.text.trim() === "") continue;
    const record = parseRecord(line.text, valid);
    if (record === undefined || seen.has(record.id)) {
      onDropped?.(line.number);
      continue;
    }
    seen.add(record.id);
    yield record;
  }
}

/** The whole file at once: for tests and small files (a run reads its file with readRecords). */
export async function readPredictions<T extends { id: string }>(path: string, valid: Check<T> = () => true): Promise<PredictionsRead<T>> {
  const records: T[] = [];
  let dropped = 0;
  for await (const record of readRecords(path, valid, () => dropped++)) records.push(record);
  return { records, dropped };
}

/** Writes `records` as the whole file, atomically (temporary file, then rename). */
export async function repairPredictions<T>(path: string, records: Iterable<T> | AsyncIterable<T>): Promise<void> {
  async function* lines() {
    for await (const record of records) yield `${JSON.stringify(record)}\n`;
  }
  await writeAtomically(path, lines());
}

export interface OpenTaskFileOptions<T> {
  /** With resume: records (of wanted ids) to run again; they are not in `done` but in `rerun`, and stay in the file until replaced. */
  rerun?: (record: T) => boolean;
  /** With resume: whether a parsed line is a record of this file's kind (others are dropped and their tasks run again). */
  valid?: (record: T) => boolean;
}

export interface TaskFile<T extends { id: string }> {
  /** Ids of finished records of wanted ids (without those set aside to run again). */
  done: Set<string>;
  /** Ids of the records set aside to run again; `replace` them. */
  rerun: Set<string>;
  /** Partial or duplicate lines dropped from the file. */
  dropped: number;
  /** Adds a record at the end (a record whose id is already in the file replaces it instead). */
  append(record: T): Promise<void>;
  /** Puts a record in place of the one with its id (atomic rewrite; appends when the id is not in the file). */
  replace(record: T): Promise<void>;
}

/**
 * The resumable part of a run over a JSONL file: with `resume`, records already in the file (for ids still
 * wanted) are kept and a damaged file is repaired; returns their ids, the ids to run again, and writers.
 * Every write goes through one queue, so appends and rewrites never interleave; replacements that arrive
 * while a rewrite waits share it.
 */
export async function openTaskFile<T extends { id: string }>(
  path: string,
  wanted: Set<string>,
  resume: boolean,
  options: OpenTaskFileOptions<T> = {},
): Promise<TaskFile<T>> {
  const valid = options.valid ?? (() => true);
  const again = options.rerun ?? (() => false);
  // the ids the file holds: a record for one of them replaces its line rather than adding one
  const inFile = new Set<string>();
  const done = new Set<string>();
  const rerun = new Set<string>();
  let dropped = 0;
  if (resume) {
    for await (const record of readRecords<T>(path, valid, () => dropped++)) {
      inFile.add(record.id);
      if (wanted.has(record.id)) (again(record) ? rerun : done).add(record.id);
    }
    if (dropped > 0) await repairPredictions(path, readRecords<T>(path, valid));
  }

  let queue: Promise<void> = Promise.resolve();
  const enqueue = (op: () => Promise<void>): Promise<void> => {
    const run = queue.then(op);
    queue = run.catch(() => undefined);
    return run;
  };
  // records waiting for the next rewrite (only these are held, never the file's content)
  let waiting = new Map<string, T>();
  let pendingRewrite: Promise<void> | undefined;

  /** The file again with each line whose id is in `replacements` replaced by its new record. */
  const rewrite = async (replacements: Map<string, T>): Promise<void> => {
    async function* lines() {
      for await (const line of fileLines(path)) {
        if (line.text.trim() === "") continue;
        const id = parseRecord<T>(line.text, () => true)?.id;
        const replacement = id === undefined ? undefined : replacements.get(id);
        yield `${replacement === undefined ? line.text : JSON.stringify(replacement)}\n`;
      }
    }
    await writeAtomically(path, lines());
  };

  const replace = (record: T): Promise<void> => {
    if (!inFile.has(record.id)) return append(record);
    waiting.set(record.id, record);
    pendingRewrite ??= enqueue(async () => {
      // later replacements start a new rewrite; earlier ones are in this one
      const batch = waiting;
      waiting = new Map();
      pendingRewrite = undefined;
      await rewrite(batch);
    });
    return pendingRewrite;
  };
  const append = (record: T): Promise<void> =>
    enqueue(async () => {
      if (inFile.has(record.id)) {
        await rewrite(new Map([[record.id, record]]));
        return;
      }
      inFile.add(record.id);
      await appendFile(path, `${JSON.stringify(record)}\n`);
    });

  return { done, rerun, dropped, append, replace };
}
