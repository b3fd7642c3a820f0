/**
 * The gold-program completions server as its own process, so a benchmark measures our client against a
 * server whose CPU is not ours. Prints `listening <baseURL>` once ready.
 *
 *   node dist/src/testing/goldServerMain.js --data-dir DIR --tasks N --latency-ms L [--latency skewed]
 *
 * N may exceed GSM8K's 1,319 tasks: the list cycles (cycledItems: copies get ids `<id>~1`, ...). Requests are
 * not kept. GET /v1/stats returns {"modelMs", "requests", "peakInFlight"}: the latency served so far and the most
 * completions served at once; POST /v1/reset zeroes them, and {"latencyMs": L} in its body sets a new latency.
 */
import { parseArgs } from "node:util";
import { gsm8kProgram } from "../programs/rules/gsm8k.js";
import { loadGsm8k } from "../datasets/gsm8k.js";
import { cycledItems, startGoldServer } from "./goldServer.js";

const { values } = parseArgs({
  options: {
    "data-dir": { type: "string", default: "data" },
    tasks: { type: "string", default: "100" },
    "latency-ms": { type: "string", default: "100" },
    latency: { type: "string", default: "constant" },
  },
});
let latencyMs = Number(values["latency-ms"]);
const items = cycledItems(await loadGsm8k(values["data-dir"]!), Number(values.tasks));
const programs = items.map((i) => gsm8kProgram(i.id, i.question, (i.source as { answer: string }).answer));

/** A latency drawn from the prompt's hash: the same prompt always waits the same time, whatever the schedule. */
function skewed(prompt: string): number {
  let h = 2166136261;
  for (let i = 0; i < prompt.length; i++) h = Math.imul(h ^ prompt.charCodeAt(i), 16777619);
  const u = (h >>> 0) / 4294967296;
  return Math.round(5 + 4 * latencyMs * u * u); // most calls quick, a few slow
}

const server = await startGoldServer(programs, {
  delayMs: (_n, prompt) => (values.latency === "skewed" ? skewed(prompt) : latencyMs),
  onReset: (body) => {
    if (typeof body.latencyMs === "number" && body.latencyMs >= 0) latencyMs = body.latencyMs;
  },
  record: false,
});
process.stdout.write(`listening ${server.url}\n`);
