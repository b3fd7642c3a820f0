/**
 * Entry of an isolated worker thread (see ./pool.ts). It runs one job at a time and answers with its value,
 * or with the job's error as { name, message }. A result larger than the cap is refused here, before it is
 * copied to the host. Time and heap limits are enforced from outside: the pool terminates a worker that
 * overruns them.
 */
import { parentPort, workerData } from "node:worker_threads";
import { ensureEngineIntact } from "../math/safeMath.js";
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
  const { id } = message;
  try {
    const handler = handlers.get(message.job);
    if (!handler) throw new Error(`unknown job "${message.job}"`);
    const value = await handler(message.input as never, { started: () => reply({ type: "started", id }) });
    const bytes = value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value) ?? "");
    if (bytes > message.maxResultBytes) {
      reply({ type: "done", id, ok: false, error: { name: "ResultTooLarge", message: "result too large", resultBytes: bytes } });
      return;
    }
    reply({ type: "done", id, ok: true, value });
  } catch (error) {
    const e = error as { name?: unknown; message?: unknown } | null;
    const name = typeof e?.name === "string" ? e.name : "Error";
    const text = typeof e?.message === "string" ? e.message : String(error);
    reply({ type: "done", id, ok: false, error: { name, message: text.length > 4000 ? `${text.slice(0, 4000)}...` : text } });
  } finally {
    // nothing a job computes can reconfigure the maths engine; should it happen anyway, the next job gets a fresh one
    ensureEngineIntact();
  }
});

reply({ type: "ready" });
