/**
 * A scripted completions server that plays a perfect Lumos planner and grounder for a set of gold
 * programs, reading the task from the prompt, with optional latency and injected HTTP 500s.
 */
import { programOutputs, type GoldProgram } from "../annotation/goldProgram.js";
import { pyStrip } from "../protocol/pythonStrip.js";
import { startScriptedServer, turnIndex, type ScriptedServer } from "./scriptedServer.js";

const PLAN_TASK = /Task: ([\s\S]*?); Initial Environment Description: None\.\n/;
const GROUND_TASK = /Task: ([\s\S]*?) \nSubgoals? to be grounded: /;

export interface GoldServerOptions {
  delayMs?: (requestNumber: number, prompt: string) => number;
  /** Requests (1-based count) that answer HTTP 500. */
  fail?: (requestNumber: number) => boolean;
}

/**
 * Besides completions it answers `GET /v1/stats` with `{ modelMs, requests }` (latency served so far) and
 * `POST /v1/reset` to zero them, so a benchmark in another process can compute its ideal time.
 */
export async function startGoldServer(programs: GoldProgram[], options: GoldServerOptions = {}): Promise<ScriptedServer> {
  const byTask = new Map(programs.map((p) => [pyStrip(p.task), p]));
  let count = 0;
  let modelMs = 0;
  return startScriptedServer(async ({ path, body }) => {
    if (path.endsWith("/stats")) return { json: { modelMs, requests: count } };
    if (path.endsWith("/reset")) {
      count = 0;
      modelMs = 0;
      return { json: { ok: true } };
    }
    const n = ++count;
    if (options.fail?.(n)) return { status: 500 };
    const prompt = String(body.prompt);
    const [module, formulation] = String(body.model).split("|");
    const task = (module === "plan" ? PLAN_TASK : GROUND_TASK).exec(prompt)?.[1];
    const program = task === undefined ? undefined : byTask.get(task);
    if (!program) return { status: 404 };
    const text = programOutputs(program, module === "plan" ? "planner" : "grounder", formulation === "onetime" ? "onetime" : "iterative")[turnIndex(prompt)];
    if (text === undefined) return { status: 400 };
    const delayMs = options.delayMs?.(n, prompt) ?? 0;
    modelMs += delayMs;
    return delayMs > 0 ? { text, delayMs } : text;
  });
}
