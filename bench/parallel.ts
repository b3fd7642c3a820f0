/**
 * Parallel execution against execution in line order, measured in one run: Lumos-O over complex-QA programs
 * with an oracle planner and grounder, and the real complex-QA tools calling services of realistic latency in
 * a process of their own (bench/parallelServer.ts: 100-500 ms per page lookup, embedding or QA call, the same
 * request always as slow):
 *   - HotpotQA: the gold programs of the distractor questions (a KnowledgeQuery -> ParagraphRetrieve -> QA
 *     chain per supporting page, two chains each);
 *   - hand-written comparisons (bench/multiHopPrograms.ts): three or four such chains and a final QA.
 * Tasks run one at a time, each in order and in parallel back to back (alternating which goes first). Prints
 * per suite the summed task times, the speed-up, and whether the answers and the records (actions, results,
 * errors, transcripts; wall times aside) are identical, and the most any scheduler could reach on those programs
 * (bench/criticalPath.ts: each line cut to its longest chain of dependent actions, with the in-order times). The target (>= 1.8x) is for programs of independent
 * chains, the hand-written suite; HotpotQA's two chains are unbalanced (the chain whose page lacks the answer
 * gets "No answer" and the QA tool's fallback, three to five more calls in a row), which bounds its speed-up.
 * Last, where no service is waited for: GSM8K gold programs with the maths tools (on the worker pool), both ways.
 *
 * Usage: npm run bench:parallel [-- --data-dir ../shared/datasets --hotpot 20]
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { hotpotDistractorPath, type HotpotDistractorRow } from "../src/datasets/hotpotDistractor.js";
import { createQaDomain } from "../src/domains/qa/index.js";
import { createLumosGraph } from "../src/graph/build.js";
import type { LumosStateValue } from "../src/graph/state.js";
import { createEmbeddings } from "../src/models/embeddings.js";
import { createLanguageModel } from "../src/models/fromSpec.js";
import type { GoldProgram } from "../src/programs/goldProgram.js";
import { oracleModule } from "../src/programs/oracle.js";
import { hotpotqaProgram } from "../src/programs/rules/hotpotqa.js";
import { gsm8kProgram } from "../src/programs/rules/gsm8k.js";
import { loadGsm8k } from "../src/datasets/gsm8k.js";
import { WikipediaSource } from "../src/qa/wikipedia.js";
import { MULTI_HOP_PROGRAMS } from "./multiHopPrograms.js";
import { actionCriticalPath } from "./criticalPath.js";

const { values } = parseArgs({
  options: {
    "data-dir": { type: "string", default: process.env.LUMOS_DATA_DIR ?? "test/fixtures/datasets" },
    hotpot: { type: "string", default: "20" },
  },
});
const dataDir = values["data-dir"]!;
const rows = JSON.parse(readFileSync(hotpotDistractorPath(dataDir), "utf8")) as HotpotDistractorRow[];
const suites: { name: string; programs: GoldProgram[]; target?: boolean }[] = [
  { name: "HotpotQA gold programs (2 chains)", programs: rows.slice(0, Number(values.hotpot)).map((row, i) => hotpotqaProgram(`hotpotqa-dev-${i}`, row)) },
  { name: "hand-written (3-4 chains + QA)", programs: MULTI_HOP_PROGRAMS, target: true },
];

const server = spawn(process.execPath, [fileURLToPath(new URL("./parallelServer.js", import.meta.url)), "--data-dir", dataDir], { stdio: ["ignore", "pipe", "inherit"] });
const base = await new Promise<string>((resolve, reject) => {
  server.stdout.on("data", (chunk: Buffer) => {
    const m = /listening (\S+)/.exec(chunk.toString());
    if (m) resolve(m[1]);
  });
  server.on("exit", (code) => reject(new Error(`the services exited with ${code}`)));
});

const env = { OPENAI_API_KEY: "sk-loopback", OPENAI_BASE_URL: `${base}/v1` };
const domain = createQaDomain({
  knowledge: new WikipediaSource({ apiURL: `${base}/w/api.php` }),
  qaModel: await createLanguageModel("openai:qa", { maxTokens: 100, env }),
  retrieve: { embeddings: await createEmbeddings("openai:embed", env) },
});
const oracle = oracleModule(suites.flatMap((s) => s.programs));
const graph = (parallel: boolean) => createLumosGraph({ planner: oracle, grounder: oracle, domain, formulation: "onetime", parallel });
const graphs = { inOrder: graph(false), parallel: graph(true) };

/** What a run records, wall times aside. */
function comparable(state: LumosStateValue): string {
  const { answer, stopReason, results, errors } = state;
  const actions = state.actions.map(({ ms: _ms, ...rest }) => rest);
  const transcripts = state.transcripts.map(({ ms: _ms, ...rest }) => rest);
  return JSON.stringify({ answer, stopReason, results, errors, actions, transcripts });
}

async function timed(parallel: boolean, program: GoldProgram): Promise<{ ms: number; state: LumosStateValue }> {
  const started = performance.now();
  const state = await (parallel ? graphs.parallel : graphs.inOrder).invoke({ task: program.task, id: program.id });
  return { ms: performance.now() - started, state };
}

const normalise = (text: string | null) => (text ?? "").toLowerCase().trim();
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const yesNo = (ok: boolean) => (ok ? "yes" : "NO");

console.log("parallel: Lumos-O over complex-QA programs; oracle planner and grounder; page lookups, embeddings and QA calls of 100-500 ms from services in their own process");
// connections and lazy imports are not what is measured
await timed(false, suites[1].programs[0]);
await timed(true, suites[1].programs[0]);

const total = { inOrder: 0, parallel: 0, bound: 0, tasks: 0, sameAnswers: true, sameRecords: true };
let targetSpeedUp = 0;
for (const suite of suites) {
  let inOrderMs = 0;
  let parallelMs = 0;
  // the in-order time with each line's actions cut to their longest dependent chain: what no scheduler beats
  let boundMs = 0;
  let sameAnswers = 0;
  let sameRecords = 0;
  let correct = { inOrder: 0, parallel: 0 };
  for (const [i, program] of suite.programs.entries()) {
    const first = i % 2 === 0;
    const a = await timed(!first, program);
    const b = await timed(first, program);
    const [inOrder, parallel] = first ? [a, b] : [b, a];
    inOrderMs += inOrder.ms;
    parallelMs += parallel.ms;
    const path = actionCriticalPath(inOrder.state);
    boundMs += inOrder.ms - path.serialMs + path.criticalMs;
    if (inOrder.state.answer === parallel.state.answer) sameAnswers++;
    if (comparable(inOrder.state) === comparable(parallel.state)) sameRecords++;
    correct = {
      inOrder: correct.inOrder + Number(normalise(inOrder.state.answer) === normalise(program.gold)),
      parallel: correct.parallel + Number(normalise(parallel.state.answer) === normalise(program.gold)),
    };
  }
  const n = suite.programs.length;
  console.log(
    `  ${suite.name}: ${n} tasks, in order ${seconds(inOrderMs)}, parallel ${seconds(parallelMs)}, speed-up ${(inOrderMs / parallelMs).toFixed(2)}x ` +
      `(the programs' dependency graphs allow at most ${(inOrderMs / boundMs).toFixed(2)}x: ${((100 * boundMs) / parallelMs).toFixed(0)}% of it reached); ` +
      `answers identical ${yesNo(sameAnswers === n)} (${sameAnswers}/${n}), records identical ${yesNo(sameRecords === n)} (${sameRecords}/${n}); ` +
      `exact answers in order ${correct.inOrder}/${n}, parallel ${correct.parallel}/${n}`,
  );
  if (suite.target) targetSpeedUp = inOrderMs / parallelMs;
  total.inOrder += inOrderMs;
  total.parallel += parallelMs;
  total.bound += boundMs;
  total.tasks += n;
  total.sameAnswers &&= sameAnswers === n;
  total.sameRecords &&= sameRecords === n;
}
console.log(
  `  all: ${total.tasks} tasks, in order ${seconds(total.inOrder)}, parallel ${seconds(total.parallel)}, speed-up ${(total.inOrder / total.parallel).toFixed(2)}x ` +
    `(at most ${(total.inOrder / total.bound).toFixed(2)}x); ` +
    `answers identical ${yesNo(total.sameAnswers)}, records identical ${yesNo(total.sameRecords)}`,
);
console.log(`  target >= 1.8x on programs of independent chains (hand-written): ${targetSpeedUp.toFixed(2)}x, ${targetSpeedUp >= 1.8 && total.sameAnswers ? "met" : "NOT met"}`);
server.kill();

// where no service is waited for: the maths tools on the worker pool, many short lines
const maths = (await loadGsm8k(dataDir)).slice(0, 200).map((i) => gsm8kProgram(i.id, i.question, (i.source as { answer: string }).answer));
const mathsOracle = oracleModule(maths);
const mathsGraph = (parallel: boolean) => createLumosGraph({ planner: mathsOracle, grounder: mathsOracle, domain: "maths", formulation: "onetime", parallel });
const mathsGraphs = [mathsGraph(false), mathsGraph(true)];
const mathsMs = [0, 0];
let mathsSame = 0;
for (const [i, program] of maths.entries()) {
  const states: string[] = [];
  for (const which of i % 2 === 0 ? [0, 1] : [1, 0]) {
    const started = performance.now();
    states[which] = comparable(await mathsGraphs[which].invoke({ task: program.task, id: program.id }));
    mathsMs[which] += performance.now() - started;
  }
  if (states[0] === states[1]) mathsSame++;
}
console.log(
  `  no service latency: GSM8K gold programs (maths tools on the worker pool), ${maths.length} tasks, in order ${seconds(mathsMs[0])}, parallel ${seconds(mathsMs[1])}, ` +
    `parallel / in order ${(mathsMs[1] / mathsMs[0]).toFixed(2)}; records identical ${yesNo(mathsSame === maths.length)} (${mathsSame}/${maths.length})`,
);

