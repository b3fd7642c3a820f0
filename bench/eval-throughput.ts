/**
 * Evaluation throughput against a scripted model server in its own process, with configurable latency.
 *
 * (a) wall time / ideal at concurrency 1, 8 and 32, where ideal = (sum of model latencies) / concurrency:
 *     how close continuous scheduling gets to keeping every slot busy (target <= 1.15 at 32). Each level
 *     runs 20 tasks per slot (at least 40) so the unavoidable tail is small against the whole run.
 * (b) speed-up of continuous scheduling over lockstep batches (how the reference advanced its examples)
 *     under skewed latency, same tasks, same concurrency, same per-prompt latencies (target >= 1.5x).
 *
 * Usage: npm run bench:throughput [-- --latency-ms 100 --data-dir ../shared/datasets]
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { loadGsm8k } from "../src/datasets/gsm8k.js";
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
const maxTasks = 20 * 32;
const items = (await loadGsm8k(dataDir)).slice(0, maxTasks);

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

async function measure(url: string, tasks: number, concurrency: number, schedule: Schedule) {
  await fetch(`${url}/reset`, { method: "POST", body: "{}" });
  const model = (module: string) => completionModule(new OpenAICompletionsLLM({ model: `${module}|iterative`, baseURL: url }));
  const graph = createLumosGraph({ planner: model("plan"), grounder: model("ground"), maxRounds: 40 });
  const predictionsPath = join(mkdtempSync(join(tmpdir(), "lumos-bench-")), "predictions.jsonl");
  const started = performance.now();
  await runEvaluation({
    items: items.slice(0, tasks),
    solve: (item, signal) => graph.invoke({ task: item.question }, { signal }),
    metric: mathsAccuracy,
    predictionsPath,
    concurrency,
    schedule,
  });
  const wallMs = performance.now() - started;
  const stats = (await (await fetch(`${url}/stats`)).json()) as { modelMs: number; requests: number };
  let correct = 0;
  for await (const record of readRecords<EvalRecord>(predictionsPath)) if (record.correct) correct++;
  return { wallMs, modelMs: stats.modelMs, requests: stats.requests, correct };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
console.log(`eval-throughput: GSM8K gold programs through the graph and the HTTP completions client; model server in its own process`);

const constant = await startServer("constant");
console.log(`(a) constant latency ${latencyMs} ms per model call`);
for (const concurrency of [1, 8, 32]) {
  const tasks = Math.max(40, 20 * concurrency);
  const r = await measure(constant.url, tasks, concurrency, "continuous");
  const ideal = r.modelMs / concurrency;
  console.log(
    `    concurrency ${String(concurrency).padStart(2)}: ${tasks} tasks, ${r.requests} calls, wall ${seconds(r.wallMs)}, ideal ${seconds(ideal)}, ` +
      `wall/ideal ${(r.wallMs / ideal).toFixed(3)} (${r.correct}/${tasks} correct)`,
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
