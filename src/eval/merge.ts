/**
 * `lumos merge`: the run folders of one evaluation's shards (`lumos eval --shard i/n`) joined into the folder
 * the unsharded run would have written: predictions.jsonl (the shards' files, each in dataset order,
 * concatenated in shard order), run.json (the identity without the shard), and summary.json, report.md and
 * report.html built from the joined file as a stream. Timing is the one thing no merge can reproduce: the
 * reports' per-task figures come from the records, and in place of one wall time they say how many runs were
 * merged.
 *
 * Only a whole set merges: every shard 1/n..n/n present once and finished, all of the same run (run.json equal
 * but for the shard), no task in two shards. Anything else is refused, naming the folder, file or line and
 * what to do; a partial merge would be a summary of another task set under the run's name.
 */
import { existsSync, statSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { writeAtomically } from "./atomicWrite.js";
import { getDataset, UnknownDatasetError } from "./benchmarks.js";
import { fileLines } from "../datasets/fileLines.js";
import { isEvalRecord } from "./record.js";
import type { TimingStats } from "./report/timing.js";
import { identityDifferences, runIdentityPath, writeRunIdentity, type RunIdentity } from "./runFolder.js";
import { runPaths, writeRunReports, type RunPaths } from "./runReports.js";
import { shardBounds, shardLabel, type Shard } from "./shard.js";
import type { RunMeta, Summary } from "./summary.js";

/** A merge refused: bad input (exit code 2). The message names the folder, file or line. */
export class MergeError extends Error {
  override name = "MergeError";
}

export interface MergeResult {
  summary: Summary;
  timing: TimingStats;
  shards: number;
  paths: RunPaths;
}

interface ShardRun {
  dir: string;
  identity: RunIdentity;
  shard: Shard & { of: number };
}

async function readJson(path: string, what: string): Promise<unknown> {
  if (!existsSync(path)) throw new MergeError(`${path} is missing: ${what}`);
  try {
    return JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new MergeError(`${path} is not readable JSON (${(error as Error).message})`);
  }
}

async function readShardRun(dir: string): Promise<ShardRun> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new MergeError(`${dir} is not a folder: name the run folders of lumos eval --shard runs`);
  const path = runIdentityPath(dir);
  const identity = (await readJson(path, "merge joins run folders written by lumos eval --shard i/n")) as RunIdentity | null;
  if (typeof identity !== "object" || identity === null || Array.isArray(identity)) throw new MergeError(`${path} is not a run description of lumos eval (a JSON object)`);
  const shard = identity?.shard as Partial<ShardRun["shard"]> | undefined;
  if (shard === undefined) throw new MergeError(`${path} has no "shard": ${dir} is an unsharded run, and merge joins the runs of lumos eval --shard i/n`);
  const whole = (n: unknown, min: number): n is number => Number.isSafeInteger(n) && (n as number) >= min;
  if (typeof shard !== "object" || shard === null || !whole(shard.count, 1) || !whole(shard.index, 1) || shard.index > shard.count || !whole(shard.of, 0)) {
    throw new MergeError(`${path}: "shard" should be {"index": i, "count": n, "of": tasks} with 1 <= i <= n, got ${JSON.stringify(shard)}`);
  }
  return { dir, identity, shard: shard as ShardRun["shard"] };
}

const withoutShard = ({ shard: _shard, ...rest }: { shard?: unknown; [key: string]: unknown }) => rest;

/** The shards in order, after checking they are one whole run's. */
function checkSet(runs: ShardRun[]): ShardRun[] {
  const [first] = runs;
  for (const run of runs.slice(1)) {
    const differences = identityDifferences(withoutShard(first.identity) as RunIdentity, withoutShard(run.identity) as RunIdentity);
    if (differences.length > 0) throw new MergeError(`${run.dir} is not a shard of the same run as ${first.dir} (${differences.join("; ")})`);
    if (run.shard.count !== first.shard.count) throw new MergeError(`${first.dir} is shard ${shardLabel(first.shard)} but ${run.dir} is shard ${shardLabel(run.shard)}: shards of one run have the same n`);
    if (run.shard.of !== first.shard.of) {
      throw new MergeError(`${first.dir} sharded ${first.shard.of} tasks but ${run.dir} sharded ${run.shard.of}: the dataset files changed between the shards' runs`);
    }
  }
  const byIndex = new Map<number, ShardRun>();
  for (const run of runs) {
    const other = byIndex.get(run.shard.index);
    if (other) throw new MergeError(`${other.dir} and ${run.dir} are both shard ${shardLabel(run.shard)}: name each shard once`);
    byIndex.set(run.shard.index, run);
  }
  const count = first.shard.count;
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((index) => !byIndex.has(index));
  if (missing.length > 0) {
    throw new MergeError(
      `shard${missing.length > 1 ? "s" : ""} ${missing.map((index) => `${index}/${count}`).join(", ")} of ${count} missing: merge joins a whole set (run the missing shard${missing.length > 1 ? "s" : ""} with lumos eval ... --shard i/${count}, then merge all ${count})`,
    );
  }
  return Array.from({ length: count }, (_, i) => byIndex.get(i + 1)!);
}

/** The shard's summary.json meta (it exists once the shard has finished), without the shard. */
async function finishedMeta(run: ShardRun): Promise<{ meta: RunMeta; judge: boolean }> {
  const path = runPaths(run.dir).summary;
  if (!existsSync(path)) {
    throw new MergeError(`${run.dir} has no summary.json: shard ${shardLabel(run.shard)} has not finished (finish it with lumos eval ... --shard ${shardLabel(run.shard)} --resume --out ${run.dir})`);
  }
  const summary = (await readJson(path, "")) as Summary | null;
  if (typeof summary !== "object" || summary === null || Array.isArray(summary) || typeof summary.dataset !== "string") {
    throw new MergeError(`${path} is not a summary of lumos eval (no "dataset"): the shard's files are damaged; run the shard again with --resume`);
  }
  const { tasks: _t, answered: _a, metrics, averagedOver: _o, totals: _s, correct: _c, errorKinds: _e, stopReasons: _r, byCategory: _b, shard: _shard, ...meta } = summary;
  return { meta: meta as RunMeta, judge: metrics !== undefined && "judge" in metrics };
}

/**
 * Checks the shard's predictions.jsonl line by line (each a record, no id seen in an earlier shard, as many as
 * the shard has tasks); `seen` maps each id to the folder that holds it.
 */
async function checkPredictions(run: ShardRun, seen: Map<string, string>): Promise<void> {
  const path = runPaths(run.dir).predictions;
  const { start, end } = shardBounds(run.shard.of, run.shard);
  const expected = end - start;
  let records = 0;
  if (existsSync(path)) {
    for await (const line of fileLines(path)) {
      if (line.text.trim() === "") continue;
      let record: unknown;
      try {
        record = JSON.parse(line.text);
      } catch (error) {
        throw new MergeError(`${path} line ${line.number} is not JSON (${(error as Error).message}): the shard's file is damaged; resume the shard to repair it`);
      }
      if (!isEvalRecord(record)) throw new MergeError(`${path} line ${line.number} is not a record of lumos eval (it lacks id, prediction, scores or another field)`);
      const other = seen.get(record.id);
      if (other !== undefined) throw new MergeError(`${path} line ${line.number}: task ${record.id} is also in ${other}: shards must not share tasks`);
      seen.set(record.id, run.dir);
      records++;
    }
  }
  if (records < expected) {
    throw new MergeError(`${path} holds ${records} of the ${expected} tasks of shard ${shardLabel(run.shard)}: finish it with lumos eval ... --shard ${shardLabel(run.shard)} --resume --out ${run.dir}`);
  }
  if (records > expected) throw new MergeError(`${path} holds ${records} records, but shard ${shardLabel(run.shard)} of ${run.shard.of} tasks has ${expected}`);
}

function metricOf(dataset: string, dir: string) {
  try {
    return getDataset(dataset).metric;
  } catch (error) {
    if (error instanceof UnknownDatasetError) throw new MergeError(`${dir}/summary.json: ${error.message}`);
    throw error;
  }
}

export async function mergeRuns(dirs: string[], outDir: string): Promise<MergeResult> {
  if (dirs.length === 0) throw new MergeError("no run folders to merge");
  const runs = checkSet(await Promise.all(dirs.map(readShardRun)));
  const metas = await Promise.all(runs.map(finishedMeta));
  for (const [i, { meta }] of metas.entries()) {
    const differences = identityDifferences(metas[0].meta as unknown as RunIdentity, meta as unknown as RunIdentity);
    if (differences.length > 0) throw new MergeError(`${runs[i].dir}/summary.json describes another run than ${runs[0].dir}/summary.json (${differences.join("; ")})`);
  }
  const metric = metricOf(metas[0].meta.dataset, runs[0].dir);
  const seen = new Map<string, string>();
  for (const run of runs) await checkPredictions(run, seen);
  seen.clear();

  const paths = runPaths(outDir);
  if (existsSync(paths.predictions)) throw new MergeError(`${paths.predictions} already exists: choose another --out`);
  await mkdir(outDir, { recursive: true });
  async function* joined() {
    for (const run of runs) {
      // a shard of no tasks (more shards than tasks) may have no file
      const path = runPaths(run.dir).predictions;
      if (!existsSync(path)) continue;
      for await (const line of fileLines(path)) if (line.text.trim() !== "") yield `${line.text}\n`;
    }
  }
  await writeAtomically(paths.predictions, joined());
  // the unsharded run's identity: the merged folder is that run's (it resumes as it, too)
  await writeRunIdentity(outDir, withoutShard(runs[0].identity) as RunIdentity);

  const { meta } = metas[0];
  const { summary, timing } = await writeRunReports({
    paths,
    meta,
    tasks: runs[0].shard.of,
    metricNames: [...metric.names, ...(metas.some((m) => m.judge) ? ["judge"] : [])],
    weightedBy: metric.weightedBy,
    wall: { mergedRuns: runs.length },
  });
  return { summary, timing, shards: runs.length, paths };
}
