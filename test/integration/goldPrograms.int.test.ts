/**
 * Gold action programs derived from GSM8K and SVAMP solutions, served by a scripted completions server,
 * go through `lumos run --json` (HTTP client, parser, executor, maths tools) and must give the gold answer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gsm8kProgram } from "../../src/programs/rules/gsm8k.js";
import { svampProgram } from "../../src/programs/rules/svamp.js";
import { programOutputs, type GoldProgram } from "../../src/programs/goldProgram.js";
import { loadGsm8k } from "../../src/datasets/gsm8k.js";
import { loadSvamp } from "../../src/datasets/svamp.js";
import { runCli } from "../helpers/cli.js";
import { FIXTURES_DIR } from "../helpers/datasets.js";
import { startScriptedServer, turnIndex, type ScriptedServer } from "../helpers/scriptedServer.js";

let server: ScriptedServer;
const programs = new Map<string, GoldProgram>();

beforeAll(async () => {
  // a quarter of each 100-item fixture; oracleCeiling replays every task of the whole files in-process
  const gsm8k = (await loadGsm8k(FIXTURES_DIR)).filter((_, i) => i % 4 === 3);
  const svamp = (await loadSvamp(FIXTURES_DIR)).filter((_, i) => i % 4 === 3);
  for (const item of gsm8k) programs.set(item.id, gsm8kProgram(item.id, item.question, (item.source as { answer: string }).answer));
  for (const item of svamp) programs.set(item.id, svampProgram(item.id, item.question, item.source.Equation, item.gold));
  // the model name carries the program id and the module, e.g. "gsm8k-test-3|plan|iterative"
  server = await startScriptedServer(({ body }) => {
    const [id, module, formulation] = String(body.model).split("|");
    const program = programs.get(id);
    if (!program) return { status: 404 };
    const outputs = programOutputs(program, module === "plan" ? "planner" : "grounder", formulation === "onetime" ? "onetime" : "iterative");
    return outputs[turnIndex(String(body.prompt))] ?? { status: 400 };
  });
});
afterAll(() => server.close());

describe("gold programs through lumos run --json", () => {
  for (const formulation of ["iterative", "onetime"] as const) {
    it(`reports the gold answer (${formulation})`, async () => {
      expect(programs.size).toBeGreaterThan(45);
      for (const [id, program] of programs) {
        const result = await runCli([
          "run",
          "--planner", `completion:${id}|plan|${formulation}@${server.url}`,
          "--grounder", `completion:${id}|ground|${formulation}@${server.url}`,
          "--formulation", formulation,
          "--max-rounds", "30",
          "--json",
          program.task,
        ]);
        expect(result.code, result.stderr).toBe(0);
        const out = JSON.parse(result.stdout);
        expect({ id, answer: out.answer, errors: out.errors }).toEqual({ id, answer: program.gold, errors: [] });
        expect(out.stopReason).toBe(formulation === "iterative" ? "planner_stop" : "completed");
      }
    }, 120_000);
  }
});
