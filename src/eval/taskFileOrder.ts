/**
 * Putting a finished run's task file in dataset order. Tasks are appended as they finish (so a kill loses
 * nothing), which with concurrency is not the dataset's order; at the end of a run the file is rewritten in
 * the order of its tasks, so reports read it in one pass, two runs of the same tasks have the same file, and
 * the contiguous shards of a run concatenate to the unsharded run's file. Lines of ids that are not the
 * run's (a folder whose dataset changed) keep their relative order after the run's own.
 *
 * Only each line's id, offset and length are held; lines are copied by position, one at a time.
 */
import { open } from "node:fs/promises";
import { existsSync } from "node:fs";
import { fileLines } from "../datasets/fileLines.js";
import { writeAtomically } from "./atomicWrite.js";

interface LineAt {
  offset: number;
  bytes: number;
}

const idOf = (text: string): string | undefined => {
  try {
    const id = (JSON.parse(text) as { id?: unknown }).id;
    return typeof id === "string" ? id : undefined;
  } catch {
    return undefined;
  }
};

/** Rewrites `path` (atomically) so the records of `order`'s ids come first in that order; a file already in order is left as it is. */
export async function orderTaskFile(path: string, order: readonly string[]): Promise<void> {
  if (!existsSync(path)) return;
  const at = new Map<string, LineAt>();
  const others: LineAt[] = [];
  const position = new Map(order.map((id, index) => [id, index] as const));
  // already in order: the run's records by increasing position, then the others, and no blank line
  let last = -1;
  let inOrder = true;
  for await (const line of fileLines(path)) {
    if (line.text.trim() === "") {
      inOrder = false;
      continue;
    }
    const id = idOf(line.text);
    const index = id === undefined ? undefined : position.get(id);
    const place = { offset: line.offset, bytes: line.bytes };
    if (id !== undefined && index !== undefined && !at.has(id)) {
      at.set(id, place);
      if (index < last || others.length > 0) inOrder = false;
      last = index;
    } else {
      others.push(place);
    }
  }
  if (inOrder) return;

  const handle = await open(path, "r");
  try {
    async function* lines() {
      const places = [...order.map((id) => at.get(id)).filter((p): p is LineAt => p !== undefined), ...others];
      for (const { offset, bytes } of places) {
        const buffer = Buffer.allocUnsafe(bytes);
        await handle.read(buffer, 0, bytes, offset);
        yield `${buffer.toString("utf8")}\n`;
      }
    }
    await writeAtomically(path, lines());
  } finally {
    await handle.close();
  }
}
