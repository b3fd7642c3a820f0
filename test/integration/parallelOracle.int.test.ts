/**
 * Every benchmark oracle that runs offline records the same with and without parallel execution: GSM8K and
 * SVAMP (the whole files when LUMOS_DATA_DIR is set, else the bundled samples) and HotpotQA (the distractor
 * corpus, with an extractive stand-in for the QA model), through the harness, `lumos eval --parallel` and
 * `lumos run --parallel`. The other oracles, InterCode-SQL and Mind2Web, are compared with and without it in
 * their own tests (interCodeSql, mind2web), where their servers run: their domains keep line order.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EvaluateOptions } from "../../src/eval/evaluate.js";
import { evaluateWithRecords } from "../helpers/evalRecords.js";
import type { EvalRecord } from "../../src/eval/record.js";
import { createQaDomain } from "../../src/domains/qa/index.js";
import { hotpotDistractorPath, type HotpotDistractorRow } from "../../src/datasets/hotpotDistractor.js";
import { LocalCorpus } from "../../src/qa/localCorpus.js";
import { extractiveReply } from "../../src/testing/extractiveQa.js";
import { loadGsm8k } from "../../src/datasets/gsm8k.js";
import { gsm8kProgram } from "../../src/programs/rules/gsm8k.js";
import { FIXTURES_DIR, fullDataDir, requireFullData } from "../helpers/datasets.js";
import { runCli } from "../helpers/cli.js";
import { startGoldServer } from "../helpers/goldServer.js";
import type { ScriptedServer } from "../helpers/scriptedServer.js";
import { ScriptedLLM } from "../helpers/scriptedLLM.js";

/** The whole benchmark file's directory when LUMOS_DATA_DIR is set (failing when it lacks the file), else the samples. */
function dataDirFor(file: string): string {
  return fullDataDir() === undefined ? FIXTURES_DIR : requireFullData([file]);
}

/** Records without what differs from run to run (wall times). */
function comparable(records: EvalRecord[]) {
  return [...records].sort((a, b) => a.id.localeCompare(b.id)).map(({ timings: _timings, ...rest }) => rest);
}

async function bothWays(options: Omit<EvaluateOptions, "outDir" | "planner" | "grounder">) {
  const run = async (parallel: boolean) =>
    (await evaluateWithRecords({ ...options, planner: "oracle", grounder: "oracle", concurrency: 8, parallel, outDir: mkdtempSync(join(tmpdir(), "lumos-parallel-")) })).records;
  const sequential = await run(false);
  return { sequential, parallel: await run(true) };
}

describe("oracles with and without parallel execution", () => {
  const cases = [
    { dataset: "gsm8k", file: "gsm8k/test.jsonl", formulation: "onetime" },
    { dataset: "svamp", file: "svamp/test.json", formulation: "onetime" },
    { dataset: "svamp", file: "svamp/test.json", formulation: "iterative" },
  ] as const;
  for (const { dataset, file, formulation } of cases) {
    it(`${dataset} (${formulation}): same records, same answers`, async () => {
      const { sequential, parallel } = await bothWays({ dataset, dataDir: dataDirFor(file), formulation });
      expect(sequential.length).toBeGreaterThanOrEqual(100);
      expect(comparable(parallel)).toEqual(comparable(sequential));
      expect(sequential.filter((r) => r.correct).length).toBeGreaterThan(0.95 * sequential.length);
    }, 240_000);
  }

  // Lumos-I GSM8K lines are short; the samples show it without doubling the longest test of the suite
  it("gsm8k (iterative, the samples): same records", async () => {
    const { sequential, parallel } = await bothWays({ dataset: "gsm8k", dataDir: FIXTURES_DIR, formulation: "iterative" });
    expect(comparable(parallel)).toEqual(comparable(sequential));
  }, 120_000);

  for (const formulation of ["onetime", "iterative"] as const) {
    it(`hotpotqa distractor (${formulation}): same records, same answers`, async () => {
      const dataDir = dataDirFor("hotpotqa/dev_distractor_first100.json");
      const rows = JSON.parse(readFileSync(hotpotDistractorPath(dataDir), "utf8")) as HotpotDistractorRow[];
      const golds = new Map(rows.map((row) => [row.question.trim(), row.answer]));
      const domain = createQaDomain({
        knowledge: await LocalCorpus.fromHotpotDistractor(hotpotDistractorPath(dataDir)),
        qaModel: new ScriptedLLM((prompt) => extractiveReply(prompt, golds)),
      });
      const { sequential, parallel } = await bothWays({ dataset: "hotpotqa", dataDir, formulation, limit: 100, domain });
      expect(sequential).toHaveLength(100);
      expect(comparable(parallel)).toEqual(comparable(sequential));
      expect(sequential.filter((r) => r.correct).length).toBeGreaterThan(formulation === "onetime" ? 30 : 60);
    }, 120_000);
  }
});

describe("--parallel on the command line", () => {
  let server: ScriptedServer;
  const items = loadGsm8k(FIXTURES_DIR).then((all) => all.slice(0, 5));
  beforeAll(async () => {
    server = await startGoldServer((await items).map((i) => gsm8kProgram(i.id, i.question, (i.source as { answer: string }).answer)));
  });
  afterAll(() => server.close());

  it("lumos eval --parallel writes the records lumos eval writes", async () => {
    const predictions = async (extra: string[]) => {
      const out = mkdtempSync(join(tmpdir(), "lumos-parallel-cli-"));
      const r = await runCli(["eval", "--dataset", "gsm8k", "--planner", "oracle", "--grounder", "oracle", "--formulation", "onetime", "--limit", "20", "--data-dir", FIXTURES_DIR, "--out", out, ...extra]);
      expect(r.code, r.stderr).toBe(0);
      return comparable(readFileSync(join(out, "predictions.jsonl"), "utf8").trim().split("\n").map((line) => JSON.parse(line) as EvalRecord));
    };
    expect(await predictions(["--parallel"])).toEqual(await predictions([]));
  });

  it("lumos run --parallel prints what lumos run prints", async () => {
    for (const item of await items) {
      const run = async (extra: string[]) => {
        const r = await runCli([
          "run", "--planner", `completion:plan|onetime@${server.url}`, "--grounder", `completion:ground|onetime@${server.url}`,
          "--formulation", "onetime", "--task-id", item.id, "--json", ...extra, item.question,
        ]);
        expect(r.code, r.stderr).toBe(0);
        const out = JSON.parse(r.stdout);
        return { ...out, transcripts: out.transcripts.map(({ ms: _ms, ...rest }: { ms: number }) => rest) };
      };
      const parallel = await run(["--parallel"]);
      expect(parallel).toEqual(await run([]));
      expect(parallel.answer).toBe(item.gold);
    }
  });
});
