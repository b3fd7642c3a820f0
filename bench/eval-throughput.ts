/**
 * Evaluation throughput against a scripted model server in its own process, with configurable latency.
 *
 * (a) wall time / ideal at concurrency 1, 8, 32, 64 and 128, where ideal = (sum of model latencies) /
 *     concurrency: how close continuous scheduling gets to keeping every slot busy (target <= 1.15 from 32 up).
 *     Each level runs 20 tasks per slot (at least 40) so the unavoidable tail is small against the whole run;
 *     past GSM8K's 1,319 tasks the list cycles (copies get new ids). Above 32 slots the latency per call grows
 *     with the concurrency (64: 2x, 128: 4x), so every level from 32 up asks the client for the same number of
 *     calls per second: the level measures scheduling and 64 or 128 open requests, not how many tasks per second
 *     two cores can run (printed beside it: the client's CPU, in cores, over the run). The server reports the
 *     most requests it served at once, which must reach the concurrency: neither the client's HTTP agent nor
 *     the server caps it.
 * (b) speed-up of continuous scheduling over lockstep batches (how the reference advanced its examples)
 *     under skewed latency, same tasks, same concurrency, same per-prompt latencies (target >= 1.5x).
 *
 * Usage: npm run bench:throughput [-- --latency-ms 100 --data-dir ../shared/datasets]
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { loadGsm8k } from "../src/datasets/gsm8k.js";
import { cycledItems } from "../src/testing/goldServer.js";
import { mathsAccuracy } from "../src/eval/metrics/index.js";
import { readRecords } from "../src/eval/predictionsFile.js";
import type { EvalRecord } from "../src/eval/record.js";
import { runEvaluation } from "../src/eval/runner.js";
import type { Schedule } from "../src/eval/schedule.js";
import { createLumosGraph } from "../src/graph/build.js";
import { completionModule } from "../src/models/completionModule.js";
import { OpenAICompletionsLLM } from "../src/models/openaiCompletions.js";

const { values } = parseArgs({
  options: {
    "latency-ms": { type: "string", default: "100" },
    "data-dir": { type: "string", default: process.env.LUMOS_DATA_DIR ?? "../shared/datasets" },
  },
});
const latencyMs = Number(values["latency-ms"]);
const dataDir = values["data-dir"]!;
const SERVER = fileURLToPath(new URL("../src/testing/goldServerMain.js", import.meta.url));
const LEVELS = [1, 8, 32, 64, 128];
const tasksAt = (concurrency: number) => Math.max(40, 20 * concurrency);
/** Latency per call at a level: constant up to 32 slots, then growing with them (the same calls per second). */
const latencyAt = (concurrency: number) => latencyMs * Math.max(1, concurrency / 32);
const maxTasks = tasksAt(Math.max(...LEVELS));
const items = cycledItems(await loadGsm8k(dataDir), maxTasks);

async function startServer(latency: "constant" | "skewed"): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [SERVER, "--data-dir", dataDir, "--tasks", String(maxTasks), "--latency-ms", String(latencyMs), "--latency", latency], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      const m = /listening (\S+)/.exec(chunk.toString());
      if (m) resolve(m[1]);
    });
    child.on("exit", (code) => reject(new Error(`model server exited with ${code}`)));
  });
  return { url, child };
}

async function measure(url: string, tasks: number, concurrency: number, schedule: Schedule, latency?: number) {
  await fetch(`${url}/reset`, { method: "POST", body: JSON.stringify(latency === undefined ? {} : { latencyMs: latency }) });
  const model = (module: string) => completionModule(new OpenAICompletionsLLM({ model: `${module}|iterative`, baseURL: url }));
  const graph = createLumosGraph({ planner: model("plan"), grounder: model("ground"), maxRounds: 40 });
  const predictionsPath = join(mkdtempSync(join(tmpdir(), "lumos-bench-")), "predictions.jsonl");
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  await runEvaluation({
    items: items.slice(0, tasks),
    // the id goes with each request (x-lumos-task-id): the server finds the task's gold program by it
    solve: (item, signal) => graph.invoke({ task: item.question, id: item.id }, { signal }),
    metric: mathsAccuracy,
    predictionsPath,
    concurrency,
    schedule,
  });
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const stats = (await (await fetch(`${url}/stats`)).json()) as { modelMs: number; requests: number; peakInFlight: number };
  let correct = 0;
  for await (const record of readRecords<EvalRecord>(predictionsPath)) if (record.correct) correct++;
  return { wallMs, modelMs: stats.modelMs, requests: stats.requests, peakInFlight: stats.peakInFlight, cpuMs: (cpu.user + cpu.system) / 1000, correct };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
console.log(`eval-throughput: GSM8K gold programs through the graph and the HTTP completions client; model server in its own process`);

const constant = await startServer("constant");
console.log(`(a) constant latency ${latencyMs} ms per model call (from 32 slots up: ${latencyMs} ms x slots / 32); load average ${loadavg().map((n) => n.toFixed(2)).join(" ")}`);
for (const concurrency of LEVELS) {
  const tasks = tasksAt(concurrency);
  const latency = latencyAt(concurrency);
  const r = await measure(constant.url, tasks, concurrency, "continuous", latency);
  const ideal = r.modelMs / concurrency;
  const ratio = r.wallMs / ideal;
  const target = concurrency >= 32 ? `, target <= 1.15: ${ratio <= 1.15 ? "met" : "NOT met"}` : "";
  console.log(
    `    concurrency ${String(concurrency).padStart(3)}: ${tasks} tasks, ${r.requests} calls of ${latency} ms, wall ${seconds(r.wallMs)}, ideal ${seconds(ideal)}, ` +
      `wall/ideal ${ratio.toFixed(3)}${target} (${r.correct}/${tasks} correct; ${(tasks / (r.wallMs / 1000)).toFixed(1)} tasks/s, ` +
      `server peak ${r.peakInFlight} requests at once, client CPU ${(r.cpuMs / tasks).toFixed(1)} ms per task = ${(r.cpuMs / r.wallMs).toFixed(2)} cores)`,
  );
}
constant.child.kill();

const skewed = await startServer("skewed");
const concurrency = 8;
const tasks = 20 * concurrency;
const lockstep = await measure(skewed.url, tasks, concurrency, "lockstep");
const continuous = await measure(skewed.url, tasks, concurrency, "continuous");
skewed.child.kill();
console.log(`(b) skewed latency 5..${5 + 4 * latencyMs} ms, ${tasks} tasks, concurrency ${concurrency}`);
console.log(
  `    lockstep ${seconds(lockstep.wallMs)}, continuous ${seconds(continuous.wallMs)}, speed-up ${(lockstep.wallMs / continuous.wallMs).toFixed(2)}x ` +
    `(model time ${seconds(continuous.modelMs)} both: ${lockstep.modelMs === continuous.modelMs ? "identical" : "differs"})`,
);
