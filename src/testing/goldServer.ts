/**
 * A scripted completions server that plays a perfect Lumos planner and grounder for a set of gold
 * programs, finding the task by the id the client sends with each request (the x-lumos-task-id header),
 * with optional latency and injected HTTP 500s.
 */
import type { DatasetItem } from "../datasets/types.js";
import { programOutputs, type GoldProgram } from "../programs/goldProgram.js";
import { TASK_ID_HEADER } from "../models/openaiCompletions.js";
import { startScriptedServer, turnIndex, type ScriptedServer } from "./scriptedServer.js";

export interface GoldServerOptions {
  delayMs?: (requestNumber: number, prompt: string) => number;
  /** Requests (1-based count) that answer HTTP 500. */
  fail?: (requestNumber: number) => boolean;
  /** Called with the body of `POST /v1/reset` (a benchmark's server changes its latency there). */
  onReset?: (body: Record<string, unknown>) => void;
  /** Keep every request (default true), see ScriptedServerOptions. */
  record?: boolean;
}

/**
 * `n` tasks from `items`, cycling through them when there are fewer: the copies' ids get `~1`, `~2`, ... (a
 * benchmark and its server in another process derive the same list, so the ids agree).
 */
export function cycledItems(items: DatasetItem[], n: number): DatasetItem[] {
  return Array.from({ length: n }, (_, i) => {
    const item = items[i % items.length];
    const round = Math.floor(i / items.length);
    return round === 0 ? item : { ...item, id: `${item.id}~${round}` };
  });
}

/**
 * Besides completions it answers `GET /v1/stats` with `{ modelMs, requests, peakInFlight }` (latency served so
 * far, and the most completions it was serving at once) and `POST /v1/reset` to zero them, so a benchmark in
 * another process can compute its ideal time and see how many requests its client really had in flight.
 */
export async function startGoldServer(programs: GoldProgram[], options: GoldServerOptions = {}): Promise<ScriptedServer> {
  const byId = new Map(programs.map((p) => [p.id, p]));
  let count = 0;
  let modelMs = 0;
  let inFlight = 0;
  let peakInFlight = 0;
  return startScriptedServer(async ({ path, body, headers }) => {
    if (path.endsWith("/stats")) return { json: { modelMs, requests: count, peakInFlight } };
    if (path.endsWith("/reset")) {
      count = 0;
      modelMs = 0;
      peakInFlight = 0;
      options.onReset?.(body);
      return { json: { ok: true } };
    }
    const n = ++count;
    if (options.fail?.(n)) return { status: 500 };
    const prompt = String(body.prompt);
    const [module, formulation] = String(body.model).split("|");
    const id = headers[TASK_ID_HEADER];
    const program = typeof id === "string" ? byId.get(decodeURIComponent(id)) : undefined;
    if (!program) return { status: 404 };
    const text = programOutputs(program, module === "plan" ? "planner" : "grounder", formulation === "onetime" ? "onetime" : "iterative")[turnIndex(prompt)];
    if (text === undefined) return { status: 400 };
    const delayMs = options.delayMs?.(n, prompt) ?? 0;
    modelMs += delayMs;
    if (delayMs <= 0) return text;
    inFlight++;
    peakInFlight = Math.max(peakInFlight, inFlight);
    try {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    } finally {
      inFlight--;
    }
    return text;
  }, { record: options.record });
}
