/**
 * Replanning under injected tool failures: the first HotpotQA dev questions (distractor corpus) through the
 * evaluation harness with KnowledgeQuery failing transiently at a seeded rate, once per policy (stop,
 * continue, replan) and once without failures (the ceiling), all in one run.
 *
 * Planner and grounder are a scripted completions server playing the gold programs; on the replan turn its
 * planner writes the failed subgoal again (it never retries on its own), so the replan row shows what the
 * option recovers when the planner reacts to the turn, not what a given checkpoint would do. The QA model
 * is an extractive stand-in (answers only when the gold answer is in the context).
 *
 * Usage: npm run bench:replan [-- --rate 0.2 --seed 1 --limit 100 --data-dir test/fixtures/datasets]
 */
import { mkdtempSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { ActionErrorPolicy } from "../src/core/runOptions.js";
import { hotpotDistractorPath, type HotpotDistractorRow } from "../src/datasets/hotpotDistractor.js";
import { createQaDomain } from "../src/domains/qa/index.js";
import { getDataset } from "../src/eval/benchmarks.js";
import { evaluateDataset, loadItems } from "../src/eval/evaluate.js";
import type { EvalRecord } from "../src/eval/record.js";
import { createChatModel } from "../src/models/fromSpec.js";
import { LocalCorpus } from "../src/qa/localCorpus.js";
import { startExtractiveQaServer } from "../src/testing/extractiveQaServer.js";
import { withFlakyKnowledgeQuery } from "../src/testing/flakyKnowledge.js";
import { startReplanGoldServer } from "../src/testing/replanGoldServer.js";

const { values } = parseArgs({
  options: {
    rate: { type: "string", default: "0.2" },
    seed: { type: "string", default: "1" },
    limit: { type: "string", default: "100" },
    "data-dir": { type: "string", default: process.env.LUMOS_DATA_DIR ?? "test/fixtures/datasets" },
  },
});
const rate = Number(values.rate);
const seed = Number(values.seed);
const dataDir = values["data-dir"]!;
const spec = getDataset("hotpotqa");
const items = (await loadItems(spec, dataDir)).slice(0, Number(values.limit));
const programs = [...spec.goldPrograms!(items, dataDir)];
const path = hotpotDistractorPath(dataDir);
const corpus = await LocalCorpus.fromHotpotDistractor(path);
const rows = JSON.parse(await readFile(path, "utf8")) as HotpotDistractorRow[];

const modules = await startReplanGoldServer(programs);
const qa = await startExtractiveQaServer(new Map(rows.map((r) => [r.question.trim(), r.answer])));
const qaModel = await createChatModel("openai", "qa", { OPENAI_API_KEY: "sk-loopback", OPENAI_BASE_URL: qa.url }, 100);

async function sumOf(records: AsyncIterable<EvalRecord>, value: (record: EvalRecord) => number): Promise<number> {
  let sum = 0;
  for await (const record of records) sum += value(record);
  return sum;
}

async function measure(policy: ActionErrorPolicy, failureRate: number) {
  const flaky = withFlakyKnowledgeQuery(createQaDomain({ knowledge: corpus, qaModel }), corpus, { rate: failureRate, seed });
  const before = { plan: count("plan"), ground: count("ground") };
  const started = performance.now();
  const { summary, records } = await evaluateDataset({
    dataset: "hotpotqa",
    dataDir,
    planner: `completion:plan|iterative@${modules.url}`,
    grounder: `completion:ground|iterative@${modules.url}`,
    limit: items.length,
    // one task at a time: which lookup fails then depends on nothing but the seed
    concurrency: 1,
    outDir: mkdtempSync(join(tmpdir(), "lumos-bench-replan-")),
    domain: flaky.domain,
    onActionError: policy,
  });
  return {
    summary,
    wallMs: performance.now() - started,
    rounds: await sumOf(records(), (r) => r.rounds),
    planner: count("plan") - before.plan,
    grounder: count("ground") - before.ground,
    ...flaky.stats,
  };
}

function count(module: string): number {
  return modules.requests.filter((r) => String(r.body.model).startsWith(module)).length;
}

console.log(`replan: ${items.length} HotpotQA dev questions (distractor corpus, ${programs.length} gold programs), KnowledgeQuery lookups failing at ${100 * rate}% (seed ${seed})`);
console.log("  condition           answered   EM      F1      stop reasons                                   lookups  injected  planner  grounder  rounds  wall");
const conditions: [string, ActionErrorPolicy, number][] = [
  ["no failures, stop", "stop", 0],
  ["stop", "stop", rate],
  ["continue", "continue", rate],
  ["replan", "replan", rate],
];
for (const [label, policy, failureRate] of conditions) {
  const m = await measure(policy, failureRate);
  const s = m.summary;
  console.log(
    `  ${label.padEnd(18)}  ${`${s.answered}/${s.tasks}`.padEnd(9)}  ${s.metrics.em.toFixed(2).padStart(6)}  ${s.metrics.f1.toFixed(2).padStart(6)}  ${JSON.stringify(s.stopReasons).padEnd(45)}  ` +
      `${String(m.lookups).padStart(7)}  ${String(m.failures).padStart(8)}  ${String(m.planner).padStart(7)}  ${String(m.grounder).padStart(8)}  ${String(m.rounds).padStart(6)}  ${(m.wallMs / 1000).toFixed(1)} s`,
  );
}
console.log("  (planner, grounder: model calls; rounds: planning rounds over all tasks; the cost of replanning is the extra calls and lookups)");
await Promise.all([modules.close(), qa.close()]);
