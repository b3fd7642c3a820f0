/**
 * `lumos data pull`: downloads a benchmark's files, verifies each SHA-256 before it is kept (a bad
 * download never replaces a good file), and explains what to do without network access.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { DATA_SOURCES, type DataFile } from "./sources.js";
import { extractFromTarGz } from "./tarball.js";

export class DataPullError extends Error {
  override name = "DataPullError";
}

export interface PullOptions {
  dataDir: string;
  /** Fetch `<mirror>/<path>` instead of the canonical URL. */
  mirror?: string;
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
  log?: (line: string) => void;
}

export type PullOutcome = { path: string; status: "downloaded" | "present"; sha256: string };

const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

export function pullableDatasets(): string[] {
  return Object.keys(DATA_SOURCES);
}

/** Downloads `url` (an archive shared by several files is downloaded once per pull). */
async function download(url: string, target: string, relative: string, options: PullOptions, archives: Map<string, Promise<Uint8Array>>, member?: string): Promise<Uint8Array> {
  const fetchBody = async () => {
    try {
      const response = await (options.fetchImpl ?? fetch)(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 120_000) });
      if (!response.ok) throw new DataPullError(`${url} answered HTTP ${response.status}`);
      return new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      if (error instanceof DataPullError) throw error;
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
      throw new DataPullError(
        `cannot download ${url} (${cause}). Without network access, copy the file${member ? ` (${member} in that archive)` : ""} to ${target} by hand, ` +
          `or serve a copy and pass --mirror <URL> (files are fetched as <URL>/${relative})`,
      );
    }
  };
  let body = archives.get(url);
  if (!body) {
    body = fetchBody();
    archives.set(url, body);
  }
  return body;
}

async function pullFile(file: DataFile, options: PullOptions, archives: Map<string, Promise<Uint8Array>>): Promise<PullOutcome> {
  const target = join(options.dataDir, file.path);
  if (existsSync(target)) {
    const have = sha256(await readFile(target));
    if (file.sha256 === null || have === file.sha256) return { path: target, status: "present", sha256: have };
    options.log?.(`${target} has an unexpected checksum; downloading it again`);
  }
  // a mirror serves the data directory's own layout: the file itself, never the archive
  const fromArchive = file.archiveMember !== undefined && !options.mirror;
  const url = options.mirror ? `${options.mirror.replace(/\/+$/, "")}/${file.path}` : file.url;
  let body = await download(url, target, file.path, options, archives, fromArchive ? file.archiveMember : undefined);
  if (fromArchive) {
    let member: Uint8Array | undefined;
    try {
      member = extractFromTarGz(body, file.archiveMember!);
    } catch (error) {
      throw new DataPullError(`${url} is not a readable .tar.gz archive (${(error as Error).message}); nothing was saved`);
    }
    if (member === undefined) throw new DataPullError(`${url} has no ${file.archiveMember}; nothing was saved`);
    body = member;
  }
  const got = sha256(body);
  if (file.sha256 !== null && got !== file.sha256) {
    throw new DataPullError(`checksum mismatch for ${url}${fromArchive ? ` (${file.archiveMember})` : ""}: expected sha256 ${file.sha256}, got ${got}; the file was not saved`);
  }
  await mkdir(dirname(target), { recursive: true });
  await writeFile(`${target}.part`, body);
  await rename(`${target}.part`, target);
  return { path: target, status: "downloaded", sha256: got };
}

export async function pullDataset(dataset: string, options: PullOptions): Promise<PullOutcome[]> {
  const files = DATA_SOURCES[dataset];
  if (!files) throw new DataPullError(`no download source for "${dataset}" (available: ${pullableDatasets().join(", ")})`);
  const archives = new Map<string, Promise<Uint8Array>>();
  const outcomes: PullOutcome[] = [];
  for (const file of files) outcomes.push(await pullFile(file, options, archives));
  return outcomes;
}
