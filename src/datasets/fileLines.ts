/**
 * Reading a JSONL file line by line in chunks, so a file of any length is read in constant memory: each line
 * comes with its number (from 1) and its byte offset and length, so it can be read again later by position.
 */
import { open } from "node:fs/promises";
import { DatasetFormatError } from "./format.js";

export interface FileLine {
  text: string;
  /** 1-based line number. */
  number: number;
  /** Byte offset of the line's first byte. */
  offset: number;
  /** Length in bytes, without the newline. */
  bytes: number;
}

const CHUNK = 256 * 1024;

/**
 * The longest line read: far above any record (1 MiB) or dataset row, and far below what one JS string holds,
 * so a corrupt file (gigabytes without a newline) is a clear error instead of running out of memory.
 */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;

/** Every line of the file (a last line without a newline included); the file must exist. */
export async function* fileLines(path: string, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<FileLine> {
  const handle = await open(path, "r");
  try {
    // bytes of the line begun in an earlier chunk (a line may span chunks; a record may be up to 1 MiB)
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let offset = 0;
    let number = 0;
    let position = 0;
    const buffer = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      let start = 0;
      for (let newline = buffer.indexOf(10, 0); newline !== -1 && newline < bytesRead; newline = buffer.indexOf(10, start)) {
        const piece = buffer.subarray(start, newline);
        const line = pendingBytes === 0 ? piece : Buffer.concat([...pending, piece]);
        yield { text: line.toString("utf8"), number: ++number, offset, bytes: line.length };
        offset += line.length + 1;
        pending = [];
        pendingBytes = 0;
        start = newline + 1;
      }
      if (start < bytesRead) {
        // copied: the buffer is reused by the next read
        pending.push(Buffer.from(buffer.subarray(start, bytesRead)));
        pendingBytes += bytesRead - start;
        if (pendingBytes > maxLineBytes) throw new DatasetFormatError(path, `line ${number + 1}`, `is longer than ${maxLineBytes} bytes: not a line of JSON records (is the file corrupt?)`);
      }
    }
    if (pendingBytes > 0) {
      const line = Buffer.concat(pending);
      yield { text: line.toString("utf8"), number: ++number, offset, bytes: line.length };
    }
  } finally {
    await handle.close();
  }
}
