/** Reading JSONL line by line: lines across chunks keep their bytes and positions; a corrupt endless line is a clear error. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fileLines } from "../../src/datasets/fileLines.js";
import { DatasetFormatError } from "../../src/datasets/format.js";

const file = (content: string | Buffer) => {
  const path = join(mkdtempSync(join(tmpdir(), "lumos-lines-")), "f.jsonl");
  writeFileSync(path, content);
  return path;
};

async function all(path: string, max?: number) {
  const lines = [];
  for await (const line of fileLines(path, max)) lines.push(line);
  return lines;
}

describe("fileLines", () => {
  it("gives each line with its number, byte offset and length, across chunk boundaries and multi-byte characters", async () => {
    const long = "é".repeat(200_000); // 400,000 bytes: spans two 256 KiB chunks
    const lines = await all(file(`{"a":1}\n${long}\n\nlast`));
    expect(lines.map((l) => [l.number, l.offset, l.bytes])).toEqual([[1, 0, 7], [2, 8, 400_000], [3, 400_009, 0], [4, 400_010, 4]]);
    expect(lines[1].text).toBe(long);
    expect(lines[3].text).toBe("last");
  });

  it("refuses a line longer than the cap, naming the file and the line, instead of holding it", async () => {
    const path = file(`{"a":1}\n${"x".repeat(600_000)}`);
    const error = await all(path, 300_000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetFormatError);
    expect((error as Error).message).toBe(`${path} line 2 is longer than 300000 bytes: not a line of JSON records (is the file corrupt?)`);
    // under the cap the same line is read
    expect((await all(path, 700_000))[1].bytes).toBe(600_000);
  });
});
