/**
 * Writing a file from a stream of text pieces: buffered into large chunks (a report of any length is never
 * one string in memory), to a temporary file renamed into place at the end, so a reader never sees half a file.
 */
import { open, rename, rm } from "node:fs/promises";

const CHUNK_CHARS = 256 * 1024;

export async function writeAtomically(path: string, pieces: AsyncIterable<string> | Iterable<string>): Promise<void> {
  const tmp = `${path}.tmp`;
  const handle = await open(tmp, "w");
  try {
    let chunk = "";
    for await (const piece of pieces) {
      chunk += piece;
      if (chunk.length >= CHUNK_CHARS) {
        await handle.write(chunk);
        chunk = "";
      }
    }
    if (chunk !== "") await handle.write(chunk);
  } catch (error) {
    await handle.close();
    await rm(tmp, { force: true });
    throw error;
  }
  await handle.close();
  await rename(tmp, path);
}
