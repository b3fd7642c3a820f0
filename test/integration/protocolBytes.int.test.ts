/**
 * The released checkpoints only work with the exact prompt protocol: run the CLI against a scripted
 * OpenAI-compatible completions server and compare every prompt byte with what the reference
 * implementation sends for the same model outputs (test/reference/lumos_reference_prompts.py).
 */
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { referencePrompts, type ReferenceSpec } from "../helpers/reference.js";
import { startScriptedServer, turnIndex, type ScriptedServer } from "../helpers/scriptedServer.js";

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(plan: string[], ground: string[]) {
  server = await startScriptedServer(({ body }) => {
    const outputs = body.model === "plan" ? plan : ground;
    const text = outputs[turnIndex(String(body.prompt))];
    if (text === undefined) return { status: 400, body: "script exhausted" };
    return text;
  });
  return server;
}

function specs(url: string) {
  return ["--planner", `completion:plan@${url}`, "--grounder", `completion:ground@${url}`];
}

const PENCILS = {
  task: "  A school orders 12 boxes of pencils with 24 pencils in each box. The teachers hand out 150 pencils and share the rest equally between 6 classrooms. How many pencils does each classroom get?\n",
  plan: [
    " Subgoal 1: Calculate the total number of pencils ordered.",
    "No, I will keep planning. Subgoal 2: Calculate the pencils left and the share of each classroom. ",
    "Yes, I will stop planning.",
  ],
  ground: ["R1 = Calculator(12 * 24)", " R2 = Calculator(R1 - 150); R3 = Calculator(R2 / 6)"],
  results: { "R1 = Calculator(12 * 24)": "288", "R2 = Calculator(R1 - 150)": "138", "R3 = Calculator(R2 / 6)": "23" },
  answer: "23",
};

const AGES = {
  task: "Tom is 4 years older than Ann, and their ages add up to 30. Tom's sister is twice as old as Ann. How old is Tom's sister?",
  plan: [
    "Subgoal 1: Set up and solve the equations for the ages of Ann and Tom.",
    "No, I will keep planning. Subgoal 2: Calculate the age of Tom's sister.",
    "Yes, I will stop planning.",
  ],
  ground: ["R1, R2 = SolveEquation(a + t = 30, t = a + 4)", "R3 = Calculator(2 * R1)"],
  results: { "R1, R2 = SolveEquation(a + t = 30, t = a + 4)": "13, 17", "R3 = Calculator(2 * R1)": "26" },
  answer: "26",
};

describe("prompt bytes against the reference implementation", () => {
  for (const problem of [PENCILS, AGES]) {
    it(`Lumos-I sends the reference's prompts: ${problem.task.trim().slice(0, 40)}...`, async () => {
      const { url, requests } = await serve(problem.plan, problem.ground);
      const result = await runCli(["run", ...specs(url), "--json", problem.task]);
      expect(result.code).toBe(0);
      const out = JSON.parse(result.stdout);
      expect(out.answer).toBe(problem.answer);
      expect(out.stopReason).toBe("planner_stop");

      const spec: ReferenceSpec = { formulation: "iterative", task: problem.task, plan_outputs: problem.plan, ground_outputs: problem.ground, results: problem.results };
      const expected = referencePrompts(spec);
      const received = requests.map((r) => ({ module: r.body.model === "plan" ? "plan" : "ground", prompt: r.body.prompt }));
      expect(received).toEqual(expected);
      for (const r of requests) {
        expect(r.path).toBe("/v1/completions");
        expect(r.body).toMatchObject({ max_tokens: 512, temperature: 0, stop: ["\n"] });
      }
      // the JSON transcripts record exactly what was sent
      expect(out.transcripts.map((t: { prompt: string }) => t.prompt)).toEqual(expected.map((e) => e.prompt));
    });
  }

  it("Lumos-O sends the reference's prompts and executes the one-pass plan", async () => {
    const plan = ["Subgoal 1: Calculate the total number of pencils ordered.; Subgoal 2: Calculate the pencils left.; Subgoal 3: Calculate the share of each classroom. "];
    const ground = ["R1 = Calculator(12 * 24); R2 = Calculator(R1 - 150); Output = Calculator(R2 / 6)"];
    const { url, requests } = await serve(plan, ground);
    const result = await runCli(["run", ...specs(url), "--formulation", "onetime", "--json", PENCILS.task]);
    const out = JSON.parse(result.stdout);
    expect(out.answer).toBe("23");
    expect(out.stopReason).toBe("completed");
    expect(out.subgoals).toEqual([
      "Subgoal 1: Calculate the total number of pencils ordered.",
      "Subgoal 2: Calculate the pencils left.",
      "Subgoal 3: Calculate the share of each classroom.",
    ]);
    const expected = referencePrompts({ formulation: "onetime", task: PENCILS.task, plan_outputs: plan, ground_outputs: ground, results: {} });
    expect(requests.map((r) => r.body.prompt)).toEqual(expected.map((e) => e.prompt));
  });

  it("prints progress lines as the run happens without --json", async () => {
    const { url } = await serve(PENCILS.plan, PENCILS.ground);
    const result = await runCli(["run", ...specs(url), PENCILS.task]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("▸ Subgoal 1: Calculate the total number of pencils ordered.");
    expect(result.stdout).toContain("    R2 = Calculator(R1 - 150) = 138");
    expect(result.stdout).toContain("Answer: 23");
  });
});
