/**
 * What the Lumos client costs beyond the work itself, measured in one run.
 *
 * (a) CPU per task (process.cpuUsage: every thread, so the isolated maths workers count) of the Lumos graph on
 *     GSM8K gold programs (oracle planner and grounder, the maths domain with its tools on the default isolated
 *     pool, as `lumos eval` runs them) against a bare LangGraph StateGraph that takes the same node steps (each
 *     task's recorded sequence of supersteps, replayed by trivial nodes with a two-field state), both at
 *     concurrency 4 (the eval's default), after a warm-up. The tasks are measured in short blocks (40 tasks),
 *     every variant on the same tasks within a block, the order rotating from block to block, garbage collected
 *     as it comes (one full collection before the measurement, none forced during it); the judged ratio is the
 *     median over blocks of the block's Lumos / bare (the machine's speed drifts over seconds, and the variants
 *     of a block share it), and the ratio of the totals beside it. Target: both <= 1.3. Breakdown: the same
 *     trivial nodes over the Lumos state schema (its 18 channels and context schema: what LangGraph's handling of that state costs by
 *     itself), and the Lumos graph with every maths job sent to a worker (what running plain arithmetic in the
 *     calling thread saves; see src/isolation/inlineJobs.ts).
 * (b) `lumos --help` wall time (a spawned `node bin/lumos.js --help`, median of several). Target <= 0.3 s.
 * (c) From launch to the first task started of `lumos eval --dataset gsm8k --planner oracle --grounder oracle`
 *     (spawned with LUMOS_TRACE_STARTUP=1: the eval writes a line on stderr as its first task starts, see
 *     src/cli/startupTrace.ts; the child is stopped there), median of several. Target <= 1 s.
 *
 * Usage: npm run bench:overhead [-- --data-dir ../shared/datasets --tasks 200 --rounds 8 --block 40 --launches 5]
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Annotation, END, START, StateGraph, StateSchema } from "@langchain/langgraph";
import { z } from "zod";
import { FIRST_TASK_LINE } from "../src/cli/startupTrace.js";
import { getDataset } from "../src/eval/benchmarks.js";
import { createDomainKit } from "../src/domains/kit.js";
import { resolveDomain } from "../src/domains/resolve.js";
import { createLumosGraph } from "../src/graph/build.js";
import { LumosContextSchema } from "../src/graph/context.js";
import { LumosState } from "../src/graph/state.js";
import { createIsolatedPool, getDefaultPool } from "../src/isolation/pool.js";
import { createMathsDomain } from "../src/domains/maths/index.js";
import { oracleModule } from "../src/programs/oracle.js";
import type { DatasetItem } from "../src/datasets/types.js";

const { values } = parseArgs({
  options: {
    "data-dir": { type: "string", default: process.env.LUMOS_DATA_DIR ?? "../shared/datasets" },
    tasks: { type: "string", default: "200" },
    warmup: { type: "string", default: "100" },
    rounds: { type: "string", default: "8" },
    block: { type: "string", default: "40" },
    concurrency: { type: "string", default: "4" },
    launches: { type: "string", default: "5" },
  },
});
const dataDir = values["data-dir"]!;
const taskCount = Number(values.tasks);
const warmupCount = Number(values.warmup);
const rounds = Number(values.rounds);
const blockSize = Number(values.block);
const concurrency = Number(values.concurrency);
const launches = Number(values.launches);
const BIN = fileURLToPath(new URL("../../bin/lumos.js", import.meta.url));

const TARGET = { ratio: 1.3, helpS: 0.3, firstTaskS: 1 };
const load = () => loadavg().map((n) => n.toFixed(2)).join(" ");
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const verdict = (ok: boolean) => (ok ? "met" : "NOT met");
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

console.log(`overhead: ${new Date().toISOString()}, node ${process.version}, load average ${load()} (1, 5, 15 min)`);

// ---------------------------------------------------------------------------------------------- (a)
const spec = getDataset("gsm8k");
const items = (await spec.load(dataDir)).slice(0, warmupCount + taskCount);
const programs = [...spec.goldPrograms!(items, dataDir)];
const oracle = oracleModule(programs);
const domain = await resolveDomain("maths", {}, createDomainKit(dataDir));
const maxRounds = Math.max(8, ...programs.map((p) => p.steps.length + 1));
const lumos = createLumosGraph({ planner: oracle, grounder: oracle, domain, formulation: "iterative", maxRounds });
// the same graph with every maths job sent to a worker, for the breakdown
const strictPool = createIsolatedPool({ inlinePlainArithmetic: false });
const strict = createLumosGraph({ planner: oracle, grounder: oracle, domain: createMathsDomain({ pool: strictPool }), formulation: "iterative", maxRounds });
const input = (item: DatasetItem) => ({ task: item.question, id: item.id });

/** Each task's supersteps (the node that ran in each), recorded from the Lumos graph's update stream. */
const sequences = new Map<string, string[]>();
for (const item of items) {
  const steps: string[] = [];
  for await (const update of await lumos.stream(input(item), { streamMode: "updates" })) {
    const nodes = Object.keys(update as Record<string, unknown>);
    if (nodes.length !== 1) throw new Error(`a superstep of ${item.id} ran ${nodes.length} nodes; the replay assumes one`);
    steps.push(nodes[0]);
  }
  sequences.set(item.id, steps);
}

/** A replay graph: the Lumos graph's nodes and edges, each node a trivial function that moves a cursor. */
interface Cursor {
  steps: string[];
  at: number;
}
interface ReplayBuilder {
  addNode(name: string, fn: (state: Cursor) => Partial<Cursor>): ReplayBuilder;
  addConditionalEdges(from: string, router: (state: Cursor) => string, targets: string[]): ReplayBuilder;
  compile(): { invoke(input: unknown, config?: unknown): Promise<unknown> };
}
const NODES = ["planner", "grounder", "executor", "finish"];
function replayGraph(graph: unknown) {
  const route = (state: Cursor) => state.steps[state.at] ?? END;
  let builder = graph as ReplayBuilder;
  for (const name of NODES) builder = builder.addNode(name, (state) => ({ at: state.at + 1 }));
  builder = builder.addConditionalEdges(START, route, NODES);
  for (const name of NODES) builder = builder.addConditionalEdges(name, route, [...NODES, END]);
  return builder.compile();
}
const bare = replayGraph(new StateGraph(Annotation.Root({ steps: Annotation<string[]>(), at: Annotation<number>({ reducer: (_old, next) => next, default: () => 0 }) })));
const wide = replayGraph(new StateGraph(new StateSchema({ ...LumosState.fields, steps: z.array(z.string()), at: z.number().default(0) }), LumosContextSchema));

async function runAll(tasks: DatasetItem[], solve: (item: DatasetItem) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < tasks.length) await solve(tasks[next++]);
    }),
  );
}
const solveLumos = (item: DatasetItem) => lumos.invoke(input(item));
const solveStrict = (item: DatasetItem) => strict.invoke(input(item));
const solveBare = (item: DatasetItem) => bare.invoke({ steps: sequences.get(item.id)! }, { recursionLimit: 10_000 });
const solveWide = (item: DatasetItem) => wide.invoke({ ...input(item), steps: sequences.get(item.id)! }, { recursionLimit: 10_000 });

const warm = items.slice(0, warmupCount);
const measured = items.slice(warmupCount);
for (const solve of [solveLumos, solveStrict, solveBare, solveWide]) await runAll(warm, solve);

// one full collection before the measurement and none during it: a collection forced before each block made
// every block pay for re-sweeping and re-warming (about 4.8 ms a task on the bare graph), a constant that pulled
// every ratio towards 1. Garbage is collected as it would be in a run; the rotating order spreads its timing.
(globalThis as { gc?: () => void }).gc?.();
async function cpuPerTask(tasks: DatasetItem[], solve: (item: DatasetItem) => Promise<unknown>): Promise<number> {
  const before = cpuMs();
  await runAll(tasks, solve);
  return (cpuMs() - before) / tasks.length;
}
const variants = [
  { name: "lumos", solve: solveLumos, blocks: [] as number[] },
  { name: "strict", solve: solveStrict, blocks: [] as number[] },
  { name: "bare", solve: solveBare, blocks: [] as number[] },
  { name: "wide", solve: solveWide, blocks: [] as number[] },
];
// `rounds` passes over the measured tasks in short blocks, each variant on the same tasks within a block, the
// order rotating: the machine's speed drifts over seconds, and a block's variants share it
const blockCount = Math.ceil(measured.length / blockSize) * rounds;
for (let k = 0; k < blockCount; k++) {
  const start = (k * blockSize) % measured.length;
  const tasks = measured.slice(start, start + blockSize);
  for (let j = 0; j < variants.length; j++) {
    const variant = variants[(k + j) % variants.length];
    variant.blocks.push(await cpuPerTask(tasks, variant.solve));
  }
}
const [lumosBlocks, strictBlocks, bareBlocks, wideBlocks] = variants.map((v) => v.blocks);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const mean = (xs: number[]) => sum(xs) / xs.length;
const pairedMedian = (xs: number[]) => median(xs.map((x, k) => x / bareBlocks[k]));
const ratio = pairedMedian(lumosBlocks);
const supersteps = measured.reduce((total, item) => total + sequences.get(item.id)!.length, 0) / measured.length;
const fmt = (xs: number[]) => `mean ${mean(xs).toFixed(2)} ms, median ${median(xs).toFixed(2)}`;
console.log(`(a) CPU per task, ${measured.length} GSM8K tasks in ${blockCount} blocks of ${blockSize} (after ${warm.length} warm-up), ${supersteps.toFixed(1)} supersteps per task, concurrency ${concurrency}`);
console.log(`    Lumos graph (oracle, maths tools isolated as lumos eval runs them)  ${fmt(lumosBlocks)}`);
console.log(`    bare LangGraph, same node steps                                     ${fmt(bareBlocks)}`);
const totals = sum(lumosBlocks) / sum(bareBlocks);
console.log(`    ratio: median over blocks of the block's Lumos / bare ${ratio.toFixed(2)}x, of the totals ${totals.toFixed(2)}x; target both <= ${TARGET.ratio}x: ${verdict(Math.max(ratio, totals) <= TARGET.ratio)}`);
console.log(`    breakdown, each as a median over blocks of its own / bare:`);
console.log(`      the bare nodes over the Lumos state schema (LangGraph handling the wider state)  ${pairedMedian(wideBlocks).toFixed(2)}x (${fmt(wideBlocks)})`);
console.log(`      Lumos with every maths job in a worker (inlinePlainArithmetic: false)             ${pairedMedian(strictBlocks).toFixed(2)}x (${fmt(strictBlocks)})`);
const pool = getDefaultPool().stats();
console.log(`    maths jobs of the Lumos graph: ${pool.inline} in the calling thread (plain arithmetic), ${pool.completed} in the ${getDefaultPool().size} workers`);
await getDefaultPool().close();
await strictPool.close();

// ---------------------------------------------------------------------------------------------- (b)
const helpRuns: number[] = [];
for (let i = 0; i < launches + 1; i++) {
  const started = performance.now();
  const r = spawnSync(process.execPath, [BIN, "--help"], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`lumos --help exited with ${r.status}: ${r.stderr}`);
  if (i > 0) helpRuns.push((performance.now() - started) / 1000); // the first launch warms the file cache
}
const helpS = median(helpRuns);
console.log(`(b) lumos --help: median ${helpS.toFixed(3)} s of ${helpRuns.length} launches (${helpRuns.map((s) => s.toFixed(3)).join(", ")}), target <= ${TARGET.helpS} s: ${verdict(helpS <= TARGET.helpS)}`);

// ---------------------------------------------------------------------------------------------- (c)
/** Spawns the oracle eval and stops it when it reports its first task: wall seconds seen here, and as it reports them. */
async function firstTask(): Promise<{ wallS: number; reportedS: number; cpuS: number }> {
  const out = mkdtempSync(join(tmpdir(), "lumos-overhead-"));
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, "eval", "--dataset", "gsm8k", "--planner", "oracle", "--grounder", "oracle", "--data-dir", dataDir, "--out", join(out, "run")], {
    env: { ...process.env, LUMOS_TRACE_STARTUP: "1" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  try {
    return await new Promise((resolve, reject) => {
      let stderr = "";
      child.stderr!.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
        const m = FIRST_TASK_LINE.exec(stderr);
        if (m) resolve({ wallS: (performance.now() - started) / 1000, reportedS: Number(m[1]) / 1000, cpuS: Number(m[2]) / 1000 });
      });
      child.on("exit", (code) => reject(new Error(`the eval exited (${code}) before reporting its first task:\n${stderr}`)));
    });
  } finally {
    child.kill();
    await new Promise((resolve) => (child.exitCode === null && child.signalCode === null ? child.once("exit", resolve) : resolve(undefined)));
    rmSync(out, { recursive: true, force: true });
  }
}
const starts: { wallS: number; reportedS: number; cpuS: number }[] = [];
for (let i = 0; i < launches; i++) starts.push(await firstTask());
const firstS = median(starts.map((s) => s.wallS));
console.log(
  `(c) lumos eval --dataset gsm8k --planner oracle --grounder oracle, launch to first task: median ${firstS.toFixed(3)} s of ${starts.length} ` +
    `(${starts.map((s) => s.wallS.toFixed(3)).join(", ")}; the eval's own count from process start ${median(starts.map((s) => s.reportedS)).toFixed(3)} s, ` +
    `CPU by then ${median(starts.map((s) => s.cpuS)).toFixed(3)} s), target <= ${TARGET.firstTaskS} s: ${verdict(firstS <= TARGET.firstTaskS)}`,
);
console.log(`load average at the end ${load()}`);
