/**
 * One file out of a gzip-compressed tar archive, in memory (A-OKVQA's annotations are published as
 * `aokvqa_v1p0.tar.gz`). Reads ustar/GNU/pax archives: 512-byte headers, octal sizes, the ustar name prefix,
 * GNU long names (`L`) and pax `path` records (`x`).
 */
import { gunzipSync } from "node:zlib";

const BLOCK = 512;

function text(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  return Buffer.from(end < 0 ? bytes : bytes.subarray(0, end)).toString("utf8");
}

function octal(bytes: Uint8Array): number {
  const value = text(bytes).trim();
  return value === "" ? 0 : parseInt(value, 8);
}

/** The `path` of a pax extended header, if it has one. */
function paxPath(data: Uint8Array): string | undefined {
  const records = Buffer.from(data).toString("utf8");
  let offset = 0;
  while (offset < records.length) {
    const space = records.indexOf(" ", offset);
    const length = Number(records.slice(offset, space));
    if (space < 0 || !Number.isInteger(length) || length <= 0) return undefined;
    const record = records.slice(space + 1, offset + length - 1);
    if (record.startsWith("path=")) return record.slice(5);
    offset += length;
  }
  return undefined;
}

const normalizeName = (name: string) => name.replace(/^(\.\/)+/, "");

/** Every regular file of a tar archive (already decompressed) as name → contents. */
export function tarFiles(tar: Uint8Array): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  let offset = 0;
  let longName: string | undefined;
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break;
    const size = octal(header.subarray(124, 136));
    const type = String.fromCharCode(header[156] || 48);
    const prefix = text(header.subarray(345, 500));
    const ustar = text(header.subarray(257, 263)).startsWith("ustar");
    const name = longName ?? (ustar && prefix ? `${prefix}/${text(header.subarray(0, 100))}` : text(header.subarray(0, 100)));
    const data = tar.subarray(offset + BLOCK, offset + BLOCK + size);
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === "L") {
      longName = text(data);
      continue;
    }
    if (type === "x") {
      longName = paxPath(data) ?? longName;
      continue;
    }
    longName = undefined;
    if (type === "0" || type === "7") files.set(normalizeName(name), data);
  }
  return files;
}

/**
 * The contents of `member` in a .tar.gz: the file of that path (a leading `./` ignored), else the one file
 * whose base name it is; undefined when there is none or several.
 */
export function extractFromTarGz(archive: Uint8Array, member: string): Uint8Array | undefined {
  const files = tarFiles(gunzipSync(archive));
  const exact = files.get(normalizeName(member));
  if (exact) return exact;
  const byBase = [...files].filter(([name]) => name.split("/").pop() === member);
  return byBase.length === 1 ? byBase[0][1] : undefined;
}
