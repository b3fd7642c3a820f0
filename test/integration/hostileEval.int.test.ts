/**
 * Hostile grounding lines replayed through `lumos eval` among healthy tasks, in order and concurrently: every
 * task is recorded once, the hostile ones as errors, and the healthy tasks' answers equal a clean run's (one
 * line that reconfigures mathjs or allocates a huge matrix changes nothing for the others).
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadGsm8k } from "../../src/datasets/gsm8k.js";
import type { EvalRecord } from "../../src/eval/record.js";
import { TASK_ID_HEADER } from "../../src/models/openaiCompletions.js";
import { programOutputs, type GoldProgram } from "../../src/programs/goldProgram.js";
import { gsm8kProgram } from "../../src/programs/rules/gsm8k.js";
import { runCli } from "../helpers/cli.js";
import { FIXTURES_DIR } from "../helpers/datasets.js";
import { startScriptedServer, turnIndex, type ScriptedServer } from "../helpers/scriptedServer.js";

const HOSTILE: Record<number, string> = {
  0: 'R1 = Calculator(config({number: "BigNumber", precision: number(1)}))',
  3: "R1 = Calculator(zeros(20000, 20000))",
  6: "R1 = Calculator(9^9^9)",
  9: "R1 = Calculator(2^(10^7))",
  12: 'R1 = Calculator(evaluate("f(x) = x^2")); R2 = Calculator(f(3))',
  15: "R1 = Calculator(import({pi: 3}, {override: true}))",
  18: "R1 = Calculator(factorial(100000))",
};
const TASKS = 24;

let programs: GoldProgram[];
let server: ScriptedServer;
beforeAll(async () => {
  programs = (await loadGsm8k(FIXTURES_DIR)).slice(0, TASKS).map((i) => gsm8kProgram(i.id, i.question, (i.source as { answer: string }).answer));
  const byId = new Map(programs.map((p, position) => [p.id, { program: p, position }]));
  server = await startScriptedServer(({ body, headers }) => {
    const entry = byId.get(decodeURIComponent(String(headers[TASK_ID_HEADER] ?? "")));
    if (!entry) return { status: 404 };
    const [module, mode] = String(body.model).split("|");
    const turn = turnIndex(String(body.prompt));
    const hostile = HOSTILE[entry.position];
    const formulation = mode === "onetime" ? "onetime" : "iterative";
    if (module === "ground" && hostile !== undefined && turn === 0) return hostile;
    return programOutputs(entry.program, module === "plan" ? "planner" : "grounder", formulation)[turn] ?? { status: 400 };
  });
});
afterAll(() => server.close());

async function evaluate(concurrency: number, hostile: boolean): Promise<EvalRecord[]> {
  const out = join(mkdtempSync(join(tmpdir(), "lumos-hostile-")), "run");
  const spec = (module: string) => `completion:${module}|iterative@${server.url}`;
  const args = ["eval", "--dataset", "gsm8k", "--data-dir", FIXTURES_DIR, "--limit", String(TASKS), "--concurrency", String(concurrency), "--out", out, "--max-rounds", "20"];
  const r = hostile ? await runCli([...args, "--planner", spec("plan"), "--grounder", spec("ground")]) : await runCli([...args, "--planner", "oracle", "--grounder", "oracle"]);
  expect(r.code, r.stderr).toBe(0);
  return readFileSync(join(out, "predictions.jsonl"), "utf8").split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l) as EvalRecord);
}

describe("hostile grounding lines among healthy tasks", () => {
  it("are recorded as errors of their own task only, sequentially and concurrently", { timeout: 180_000 }, async () => {
    const clean = new Map((await evaluate(4, false)).map((r) => [r.id, r.prediction]));
    for (const concurrency of [1, 6]) {
      const records = await evaluate(concurrency, true);
      expect(records.map((r) => r.id).sort()).toEqual(programs.map((p) => p.id).sort());
      programs.forEach((program, position) => {
        const record = records.find((r) => r.id === program.id)!;
        if (HOSTILE[position] !== undefined) {
          expect(record.prediction, `${position}: ${HOSTILE[position]}`).toBeNull();
          expect(record.errors[0]?.module).toBe("executor");
        } else {
          expect(record.prediction, program.id).toBe(clean.get(program.id));
        }
      });
    }
  });
});
