/**
 * Entry of an isolated worker thread (see ./pool.ts). It runs one job at a time and answers with its value,
 * or with the job's error as { name, message }. A result larger than the cap is refused here, before it is
 * copied to the host. Time and heap limits are enforced from outside: the pool terminates a worker that
 * overruns them.
 */
import { parentPort, workerData } from "node:worker_threads";
import { executeJob } from "./executeJob.js";
import { builtinJobs } from "./jobs.js";
import type { JobHandler, RunMessage, WorkerMessage, WorkerSetup } from "./protocol.js";

const port = parentPort;
if (!port) throw new Error("src/isolation/worker is the entry of a worker thread, not a module to import");

const setup = (workerData ?? { jobModules: [] }) as WorkerSetup;
const handlers = new Map<string, JobHandler>(Object.entries(builtinJobs) as [string, JobHandler][]);
for (const url of setup.jobModules ?? []) {
  const module = (await import(url)) as { jobs?: Record<string, JobHandler> };
  for (const [name, handler] of Object.entries(module.jobs ?? {})) handlers.set(name, handler);
}

const reply = (message: WorkerMessage) => port.postMessage(message);

// build the engine's functions a first formula needs now, so that a job's time limit does not pay for it
try {
  builtinJobs["maths.calculate"]({ formula: "1/3 + 0.5 * 2" });
} catch {
  // a warm-up only
}

port.on("message", async (message: RunMessage) => {
  if (message?.type !== "run") return;
  reply(await executeJob(handlers, message, () => reply({ type: "started", id: message.id })));
});

reply({ type: "ready" });
