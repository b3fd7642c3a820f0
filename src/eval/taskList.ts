/**
 * The tasks of an evaluation, without holding them all for the whole run. A run needs every task's id from the
 * start (resume, the final order of predictions.jsonl) but each item only while its task runs, and tasks start
 * in dataset order. So a long task list is spilled to a temporary JSONL file once selected (the ids stay in
 * memory) and read back a block of neighbouring items at a time, the last few blocks kept: memory stays flat as
 * the number of tasks grows (GSM8K items take about 800 bytes each; the tenfold test set held 10 MB of them).
 *
 * Items go through JSON on the way: a list with an item that JSON would change (a Date, a NaN, an undefined in
 * an array, a class instance) is held as it is instead, as is a short list, and so is a list whose file cannot
 * be written (spilling only saves memory).
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import type { DatasetItem } from "../datasets/types.js";

export interface TaskList {
  readonly length: number;
  /** The id of the task at `index` (held in memory). */
  id(index: number): string;
  /** The item at `index`; a spilled list reads its block from the file. */
  at(index: number): DatasetItem;
  /** Removes the spill file, if any; the list is not read afterwards. */
  close(): void;
}

/** Items per block read back from the spill file. */
export const SPILL_BLOCK = 256;
/** Blocks kept: the run's concurrent tasks span at most a few neighbouring blocks. */
const KEPT_BLOCKS = 3;

/** A list held in memory as it is. */
export function heldTasks(items: readonly DatasetItem[]): TaskList {
  return { length: items.length, id: (index) => item(items, index).id, at: (index) => item(items, index), close: () => undefined };
}

export function isTaskList(value: readonly DatasetItem[] | TaskList): value is TaskList {
  return !Array.isArray(value);
}

/** The list as a TaskList (arrays are held). */
export function asTaskList(items: readonly DatasetItem[] | TaskList): TaskList {
  return isTaskList(items) ? items : heldTasks(items);
}

/**
 * The items written to a temporary file and read back a block at a time; held instead when they are no more than
 * `minimum` or one of them would not come back from JSON unchanged. The caller drops its array afterwards.
 */
export function spillTasks(items: readonly DatasetItem[], minimum = SPILL_BLOCK): TaskList {
  if (items.length <= minimum) return heldTasks(items);
  let dir: string;
  try {
    dir = mkdtempSync(join(tmpdir(), "lumos-tasks-"));
  } catch {
    return heldTasks(items);
  }
  const path = join(dir, "tasks.jsonl");
  let fd: number | undefined;
  try {
    fd = openSync(path, "w+", 0o600);
    // gone from the disk at once where the system allows it (the open file stays readable): an eval that is
    // killed (Ctrl-C, a crash) leaves nothing behind; elsewhere the file goes at close()
    let onDisk = true;
    try {
      rmSync(dir, { recursive: true });
      onDisk = false;
    } catch {
      // an open file cannot be removed here (Windows)
    }
    // line k spans [offsets[k], offsets[k + 1]) without its newline
    const offsets = new Float64Array(items.length + 1);
    const ids: string[] = [];
    let position = 0;
    for (let k = 0; k < items.length; k++) {
      const text = JSON.stringify(items[k]);
      if (!isDeepStrictEqual(JSON.parse(text), withoutUndefined(items[k]))) {
        closeSync(fd);
        rmSync(dir, { recursive: true, force: true });
        return heldTasks(items);
      }
      const bytes = Buffer.from(`${text}\n`, "utf8");
      writeSync(fd, bytes, 0, bytes.length, position);
      offsets[k] = position;
      position += bytes.length;
      ids.push(items[k].id);
    }
    offsets[items.length] = position;
    return new SpilledTasks(onDisk ? dir : undefined, fd, offsets, ids);
  } catch {
    // spilling only saves memory: a temporary directory that cannot be written (full, read-only) keeps the items
    if (fd !== undefined) closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
    return heldTasks(items);
  }
}

class SpilledTasks implements TaskList {
  /** Least recently used first. */
  private readonly blocks = new Map<number, DatasetItem[]>();
  private closed = false;

  constructor(
    /** The directory to remove at close, when the file could not be removed while open. */
    private readonly dir: string | undefined,
    private readonly fd: number,
    private readonly offsets: Float64Array,
    private readonly ids: readonly string[],
  ) {}

  get length(): number {
    return this.ids.length;
  }

  id(index: number): string {
    checkIndex(index, this.length);
    return this.ids[index];
  }

  at(index: number): DatasetItem {
    checkIndex(index, this.length);
    if (this.closed) throw new Error("the task list was closed");
    const number = Math.floor(index / SPILL_BLOCK);
    let block = this.blocks.get(number);
    if (block) this.blocks.delete(number);
    else block = this.read(number * SPILL_BLOCK, Math.min(this.length, (number + 1) * SPILL_BLOCK));
    this.blocks.set(number, block);
    if (this.blocks.size > KEPT_BLOCKS) this.blocks.delete(this.blocks.keys().next().value as number);
    return block[index - number * SPILL_BLOCK];
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.blocks.clear();
    closeSync(this.fd);
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }

  /**
   * Items [start, end) from the file: one read of their bytes, a line each. A read that fails (a disk error)
   * says which tasks; the records written so far stay, and --resume goes on.
   */
  private read(start: number, end: number): DatasetItem[] {
    try {
      return this.readBlock(start, end);
    } catch (error) {
      throw new Error(`the evaluation's spilled task list could not be read back (tasks ${start + 1}-${end}): ${(error as Error).message}; run again with --resume`, {
        cause: error,
      });
    }
  }

  private readBlock(start: number, end: number): DatasetItem[] {
    const from = this.offsets[start];
    const buffer = Buffer.alloc(this.offsets[end] - from);
    let done = 0;
    while (done < buffer.length) {
      const got = readSync(this.fd, buffer, done, buffer.length - done, from + done);
      if (got === 0) throw new Error("the spilled task file ended early");
      done += got;
    }
    const items: DatasetItem[] = [];
    for (let k = start; k < end; k++) {
      items.push(JSON.parse(buffer.toString("utf8", this.offsets[k] - from, this.offsets[k + 1] - from - 1)) as DatasetItem);
    }
    return items;
  }
}

function item(items: readonly DatasetItem[], index: number): DatasetItem {
  checkIndex(index, items.length);
  return items[index];
}

function checkIndex(index: number, length: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= length) throw new RangeError(`task index ${index} is outside 0..${length - 1}`);
}

/** What JSON keeps of an object: its own keys whose value is not undefined (arrays keep their holes as null: refused). */
function withoutUndefined(value: DatasetItem): DatasetItem {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as DatasetItem;
}
