/**
 * WebShop end to end on 127.0.0.1: the loopback WebShop site, a scripted completions server and the loopback
 * rerank server, through `lumos eval --dataset webshop`. The scenario (test/reference/webshop/scenario.ts)
 * is the one the reference's own loop played against the same site (test/fixtures/webshop/reference-run.json,
 * made by run_reference.py): every prompt must be the reference's byte for byte and equal an independent
 * restatement of run_eval.py's assembly written below; every action must give the reference's result; the
 * finished count and rewards must agree. Then the site misbehaves: down, slow, malformed, oversized, error
 * pages, each a recorded error and never a crash.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEnvironmentCount } from "../../src/graph/environments.js";
import { createLumosGraph } from "../../src/graph/build.js";
import { createModuleModel } from "../../src/models/fromSpec.js";
import { createWebShopDomain } from "../../src/domains/webshop/index.js";
import { webshopSite } from "../../src/domains/webshop/definition.js";
import { lexicalRanker } from "../../src/ranking/lexical.js";
import { GOALS } from "../../src/testing/webshopCatalogue.js";
import { startWebShopSite, type WebShopSite } from "../../src/testing/webshopSite.js";
import type { EvalRecord } from "../../src/eval/record.js";
import { evaluateWithRecords } from "../helpers/evalRecords.js";
import { runCli } from "../helpers/cli.js";
import { FIXTURES_DIR } from "../helpers/datasets.js";
import { startRerankServer, type RerankServer } from "../helpers/rerankServer.js";
import { startScriptedServer, type ScriptedServer } from "../helpers/scriptedServer.js";
import { WEBSHOP_SCENARIO } from "../reference/webshop/scenario.js";

interface ReferenceRun {
  prompts: { module: "plan" | "ground"; goal: number; turn: number; prompt: string }[];
  actions: { goal: number; action: string; result?: string; error?: string }[];
  total_reward: number;
  finished: number;
}

const DIR = join(FIXTURES_DIR, "..", "webshop");
const reference = JSON.parse(readFileSync(join(DIR, "reference-run.json"), "utf8")) as ReferenceRun;
const exemplars = JSON.parse(readFileSync(join(DIR, "examplars.json"), "utf8")) as {
  PLAN_EXAMPLARS: { instruction: string; subgoals: string }[];
  GROUND_EXAMPLARS: { instruction: string; actions: string }[];
};

const PLAN_HEAD = "<|user|>\nPlease provide a reasonable subgoal-based plan to solve the given task.\n";
const GROUND_HEAD =
  "<|user|>\nPlease ground the given subgoal to corresponding executable actions for solving the given task. The grounded actions must be the one in available action list.\n\n" +
  "The available action list is 'Search', 'FeatureRetrieve', 'Pick' and 'Click'.\nSearch(Query): Search related items according to the Query; FeatureRetrieve(Feature_list, Query): Select the most relevant features from Feature_list according to Query; Pick(Item_names, Item_features, Query): Pick the most relevant item from Item_names according to Query, Item_names and Item_features; Click(Item): Click the Item to check more information.\n\n";

/** Which task, module and turn a prompt is: the task is named after the last head, turns are counted after it. */
function locate(prompt: string): { module: "plan" | "ground"; goal: number; turn: number } {
  const module = prompt.startsWith(PLAN_HEAD) ? "plan" : "ground";
  const own = prompt.slice(prompt.lastIndexOf(module === "plan" ? PLAN_HEAD : GROUND_HEAD));
  const task = own.slice(own.indexOf("Task: ") + 6).split(module === "plan" ? "; Initial Environment Description" : " \nSubgoal to be grounded")[0];
  return { module, goal: GOALS.findIndex((g) => g.instruction === task), turn: own.split("<|assistant|>\n").length - 2 };
}

const key = (p: { module: string; goal: number; turn: number }) => `${p.module}/${p.goal}/${p.turn}`;

// ---- run_eval.py's prompt assembly, restated from its code (not from ours) -------------------------------

/** Python's str.strip() for the ASCII text of the scenario, and str.strip(chars). */
const strip = (s: string) => s.replace(/^[\s]+|[\s]+$/g, "");
function stripChars(s: string, chars: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && chars.includes(s[a])) a++;
  while (b > a && chars.includes(s[b - 1])) b--;
  return s.slice(a, b);
}

function referencePrefixes(): { plan: string; ground: string } {
  let plan = "";
  let ground = "";
  exemplars.PLAN_EXAMPLARS.forEach((p, n) => {
    const subgoals: string[] = [];
    plan += PLAN_HEAD + "Task: " + strip(p.instruction) + "; Initial Environment Description: None.\n<|assistant|>\n";
    p.subgoals.split("; Subgoal ").forEach((part, i) => {
      const [subgoal, results] = (i === 0 ? part : `Subgoal ${part}`).split(" || Results: ");
      plan += strip(subgoal) + `\n\n<|user|>\nThe execution result for Subgoal ${i + 1} is ${stripChars(results, ".")}.\n<|assistant|>\n`;
      subgoals.push(subgoal);
    });
    plan += "\n\n";
    ground += GROUND_HEAD + "Task: " + strip(exemplars.GROUND_EXAMPLARS[n].instruction);
    exemplars.GROUND_EXAMPLARS[n].actions.split("; Action ").forEach((part, i) => {
      ground += i === 0 ? ` \nSubgoal to be grounded: ${subgoals[i]}\n<|assistant|>\n` : `\n\n<|user|>\nSubgoal to be grounded: ${subgoals[i]}\n<|assistant|>\n`;
      for (const act of `Action ${part}`.split(" || ")) ground += strip(act.slice(act.indexOf(":") + 1)) + "; ";
      ground = ground.slice(0, -2);
    });
    ground += "\n\n";
  });
  return { plan, ground };
}

/**
 * The prompt run_eval.py sends for a task's turn, given its scripted outputs and the results of its executed
 * actions (the reference's own, from reference-run.json): the first grounding ends with "R1 = " and stays in
 * the conversation, the outputs of the first grounding become "R1 = " + output.strip("R1 = "), feedback is
 * the result of the highest-numbered subgoal label so far.
 */
function restatedPrompt(module: "plan" | "ground", goal: number, turn: number): string {
  const { plan: planPrefix, ground: groundPrefix } = referencePrefixes();
  const script = WEBSHOP_SCENARIO.scripts[String(goal)];
  const task = strip(GOALS[goal].instruction);
  const lines = script.ground.map((g, i) => (i === 0 ? "R1 = " + stripChars(g, "R1 = ") : g));
  const results = reference.actions.filter((a) => a.goal === goal).map((a) => a.result);
  const roundResult = (round: number) => {
    const before = lines.slice(0, round - 1).reduce((n, l) => n + strip(l).split("; ").length, 0);
    return results[before + strip(lines[round - 1]).split("; ").length - 1];
  };
  const subgoal = (line: string) => strip(line.split("No, I will keep planning.").at(-1) as string);
  if (module === "plan") {
    let prompt = planPrefix + PLAN_HEAD + "Task: " + task + "; Initial Environment Description: None.\n<|assistant|>\n";
    const byLabel = new Map<string, string | undefined>();
    for (let round = 1; round <= turn; round++) {
      byLabel.set(strip(strip(script.plan[round - 1]).split(":")[0].split("No, I will keep planning.").at(-1) as string), roundResult(round));
      const highest = Math.max(...[...byLabel.keys()].map((label) => Number(label.split("Subgoal ").at(-1))));
      prompt += strip(script.plan[round - 1]) + `\n\n<|user|>\nThe executed result for Subgoal ${round} is ${byLabel.get(`Subgoal ${highest}`)}\n<|assistant|>\n`;
    }
    return prompt;
  }
  let prompt = groundPrefix + GROUND_HEAD + "Task: " + task + ` \nSubgoal to be grounded: ${subgoal(script.plan[0])}\n<|assistant|>\n` + "R1 = ";
  for (let round = 1; round <= turn; round++) prompt += strip(lines[round - 1]) + `\n\n<|user|>\nSubgoal to be grounded: ${subgoal(script.plan[round])}\n<|assistant|>\n`;
  return prompt;
}

// ---- the run -----------------------------------------------------------------------------------------------

let site: WebShopSite;
let rerank: RerankServer;
let completions: ScriptedServer;
let outDir: string;
let evalResult: { code: number; stdout: string; stderr: string };

function scripted(prompt: string): string {
  const { module, goal, turn } = locate(prompt);
  return WEBSHOP_SCENARIO.scripts[String(goal)]?.[module][turn] ?? "";
}

beforeAll(async () => {
  site = await startWebShopSite();
  rerank = await startRerankServer();
  completions = await startScriptedServer((request) => scripted(String(request.body.prompt)));
  outDir = mkdtempSync(join(tmpdir(), "lumos-webshop-"));
  evalResult = await runCli([
    "eval", "--dataset", "webshop", "--subset", "paper", "--webshop-url", site.url, "--webshop-goals", "0-5", "--ranker", rerank.url,
    "--planner", `completion:plan@${completions.url}`, "--grounder", `completion:ground@${completions.url}`, "--out", join(outDir, "run"), "--concurrency", "3",
  ]);
}, 120_000);

afterAll(async () => {
  await site?.close();
  await rerank?.close();
  await completions?.close();
});

const records = () =>
  readFileSync(join(outDir, "run", "predictions.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as EvalRecord);

describe("WebShop against the reference's own loop", () => {
  it("runs the scenario to the end with exit code 0", () => {
    expect(evalResult.code, evalResult.stderr).toBe(0);
    expect(records()).toHaveLength(6);
    expect(openEnvironmentCount()).toBe(0);
  });

  it("sends every prompt the reference sent, byte for byte (2-shot prefix, R1 priming, feedback), and no other", () => {
    const ours = new Map(completions.requests.map((r) => [key(locate(String(r.body.prompt))), String(r.body.prompt)]));
    const theirs = new Map(reference.prompts.map((p) => [key(p), p.prompt]));
    expect([...ours.keys()].sort()).toEqual([...theirs.keys()].sort());
    for (const [k, prompt] of theirs) expect(ours.get(k), k).toBe(prompt);
    // each prompt once: a finished task is not asked again
    expect(completions.requests).toHaveLength(theirs.size);
  });

  it("every prompt equals the restatement of run_eval.py's assembly", () => {
    expect(reference.prompts.length).toBeGreaterThan(30);
    for (const request of completions.requests) {
      const { module, goal, turn } = locate(String(request.body.prompt));
      expect(String(request.body.prompt), `${module} ${goal} ${turn}`).toBe(restatedPrompt(module, goal, turn));
    }
  });

  it("executes every action with the reference's result, and fails where it raised", () => {
    for (const record of records()) {
      const goal = Number(record.id.replace("webshop-", ""));
      const expected = reference.actions.filter((a) => a.goal === goal).map((a) => (a.result === undefined ? a.action : `${a.action} = ${a.result}`));
      expect(record.actions, record.id).toEqual(expected);
    }
  });

  it("ends each episode as the reference did and scores both denominators", () => {
    const byId = new Map(records().map((r) => [r.id, r]));
    expect(Object.fromEntries([...byId].map(([id, r]) => [id, [r.stopReason, r.prediction]]))).toEqual({
      "webshop-0": ["completed", "1.0"],
      "webshop-1": ["completed", "1.0"],
      "webshop-2": ["malformed_output", null],
      "webshop-3": ["action_error", null],
      "webshop-4": ["action_error", null],
      "webshop-5": ["max_rounds", null],
    });
    const summary = JSON.parse(readFileSync(join(outDir, "run", "summary.json"), "utf8"));
    // the reference: total reward 2 over 5 finished episodes; the sixth was still going after 5 rounds
    expect(reference.total_reward).toBe(2);
    expect(reference.finished).toBe(5);
    expect(summary.metrics).toMatchObject({ reward: 33.33, success: 33.33, rewardFinished: 40, successFinished: 40 });
    expect(summary.averagedOver).toMatchObject({ rewardFinished: 5, successFinished: 5 });
    expect(summary.errorKinds).toMatchObject({ action_notice: 1, invalid_arguments: 1 });
    expect(summary.notes.join(" ")).toContain("rerank endpoint");
    expect(evalResult.stdout).toMatch(/rewardFinished\s+40\.00/);
  });

  it("lumos score reads the same numbers back from predictions.jsonl (without the site: lines match by id)", async () => {
    const r = await runCli(["score", "--dataset", "webshop", "--predictions", join(outDir, "run", "predictions.jsonl"), "--webshop-goals", "0-5"]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ percent: { reward: 33.33, success: 33.33, rewardFinished: 40, successFinished: 40 }, averagedOver: { rewardFinished: 5 } });
  });

  it("records a click on nothing as a notice and an undefined variable as the error that ended the episode", () => {
    const record = records().find((r) => r.id === "webshop-4") as EvalRecord;
    expect(record.errors.map((e) => e.kind)).toEqual(["action_notice", "invalid_arguments"]);
    expect(record.errors[0].message).toContain('"b0lm99999z"');
    expect(record.errors[1].message).toContain('"R9" is not a result variable');
  });

  it("ranks options and items through the rerank endpoint", () => {
    expect(rerank.requests.length).toBeGreaterThan(0);
    expect(rerank.requests.some((r) => r.texts.includes("sage green"))).toBe(true);
  });
});

describe("WebShop against the reference's own loop on random scenarios", () => {
  interface RandomRun {
    seed: number;
    scenario: typeof WEBSHOP_SCENARIO;
    prompts: { module: "plan" | "ground"; goal: number; turn: number; sha256: string }[];
    actions: ReferenceRun["actions"];
    total_reward: number;
    finished: number;
  }
  const runs = JSON.parse(readFileSync(join(DIR, "reference-random.json"), "utf8")) as RandomRun[];

  it.each(runs.map((r) => [r.seed, r] as const))("seed %i: the same prompts (SHA-256), action results, finished count and total reward", async (_seed, run) => {
    const server = await startScriptedServer((request) => {
      const { module, goal, turn } = locate(String(request.body.prompt));
      return run.scenario.scripts[String(goal)]?.[module][turn] ?? "";
    });
    try {
      const result = await evaluateWithRecords({
        dataset: "webshop", dataDir: outDir, planner: `completion:p@${server.url}`, grounder: `completion:g@${server.url}`, outDir: join(outDir, `random-${run.seed}`),
        concurrency: 6, domainOptions: { webshopUrl: site.url, webshopGoals: "0-5", ranker: rerank.url },
      });
      const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
      const ours = new Map(server.requests.map((r) => [key(locate(String(r.body.prompt))), sha256(String(r.body.prompt))]));
      expect(Object.fromEntries([...ours].sort())).toEqual(Object.fromEntries(run.prompts.map((p) => [key(p), p.sha256]).sort()));
      for (const record of result.records) {
        const goal = Number(record.id.replace("webshop-", ""));
        const expected = run.actions.filter((a) => a.goal === goal).map((a) => (a.result === undefined ? a.action : `${a.action} = ${a.result}`.replace(/\s*\n\s*/g, " ")));
        expect(record.actions, record.id).toEqual(expected);
      }
      expect(result.records.reduce((sum, r) => sum + r.scores.reward, 0)).toBeCloseTo(run.total_reward, 12);
      expect(result.summary.averagedOver?.rewardFinished ?? result.records.length).toBe(run.finished);
    } finally {
      await server.close();
    }
  });
});

describe("WebShop when the site misbehaves", () => {
  const GOOD_PLAN = ["Subgoal 1: Search two relevant items.", "No, I will keep planning. Subgoal 2: Buy the first item."];
  const GOOD_GROUND = ["Search(water bottle)", "R2 = Click(b0lm00005e); R3 = Click(buy now)"];

  /** A graph of the WebShop domain over `url`, the lexical ranker, scripted modules. */
  async function solve(url: string, goal: number, options: { timeoutMs?: number; plan?: string[]; ground?: string[] } = {}) {
    const server = await startScriptedServer((request) => {
      const { module, turn } = locate(String(request.body.prompt));
      return (module === "plan" ? (options.plan ?? GOOD_PLAN) : (options.ground ?? GOOD_GROUND))[turn] ?? "";
    });
    try {
      const domain = createWebShopDomain({ site: webshopSite({ webshopUrl: url, webshopTimeoutMs: options.timeoutMs }), ranker: lexicalRanker() });
      const graph = createLumosGraph({ planner: await createModuleModel(`completion:p@${server.url}`), grounder: await createModuleModel(`completion:g@${server.url}`), domain });
      return await graph.invoke({ task: GOALS[goal].instruction, environment: { goal } });
    } finally {
      await server.close();
    }
  }

  it("plays a healthy episode (the baseline for the faults below)", async () => {
    const state = await solve(site.url, 2);
    expect([state.stopReason, state.answer]).toEqual(["completed", "0.6"]);
  });

  it("a site that is down: the environment cannot open, a retryable environment error", async () => {
    const down = await startWebShopSite();
    down.setFault({ kind: "down" });
    const state = await solve(down.url, 2);
    await down.close();
    expect(state.stopReason).toBe("environment_error");
    expect(state.errors[0]).toMatchObject({ kind: "environment_error", retryable: true });
    expect(state.errors[0].message).toMatch(/cannot be reached/);
  });

  it("a site that goes slow mid-episode: the page's time limit ends the action, retryable", async () => {
    const slow = await startWebShopSite({ fault: (request) => (request.path.startsWith("/item_page") ? { kind: "slow", ms: 2_000 } : undefined) });
    const state = await solve(slow.url, 2, { timeoutMs: 300 });
    await slow.close();
    expect(state.stopReason).toBe("action_error");
    expect(state.errors.at(-1)).toMatchObject({ kind: "environment_error", retryable: true });
    expect(state.errors.at(-1)?.message).toMatch(/did not answer .* within 300 ms/);
  });

  it("malformed pages: markup Python refuses, a done page without its reward, an HTTP error, an oversized page", async () => {
    const cases: [Parameters<typeof startWebShopSite>[0], RegExp, boolean][] = [
      [{ fault: (r) => (r.path.startsWith("/search_results") ? { kind: "malformed", body: "<html><![bogus ]]>" } : undefined) }, /cannot be read as HTML/, false],
      [{ fault: (r) => (r.path.startsWith("/done") ? { kind: "malformed", body: "<html><h3 id=reward>thanks</h3></html>" } : undefined) }, /shows no reward/, false],
      [{ fault: (r) => (r.path.startsWith("/done") ? { kind: "malformed", body: '<h3 id="reward"><pre>lots</pre></h3>' } : undefined) }, /shows no reward/, false],
      [{ fault: (r) => (r.path.startsWith("/item_page") ? { kind: "status", status: 500 } : undefined) }, /HTTP 500/, false],
      [{ fault: (r) => (r.path.startsWith("/item_page") ? { kind: "status", status: 503 } : undefined) }, /HTTP 503/, true],
      [{ fault: (r) => (r.path.startsWith("/item_page") ? { kind: "huge", bytes: 8 * 1024 * 1024 } : undefined) }, /over the limit/, false],
    ];
    for (const [options, message, retryable] of cases) {
      const broken = await startWebShopSite(options);
      const state = await solve(broken.url, 2);
      await broken.close();
      expect(state.stopReason, String(message)).toBe("action_error");
      const error = state.errors.at(-1);
      expect(error?.kind).toBe("environment_error");
      expect(error?.message).toMatch(message);
      expect(error?.retryable === true).toBe(retryable);
    }
    expect(openEnvironmentCount()).toBe(0);
  });

  it("odd model output never crashes a run: unknown actions, a purchase the line goes on from, clicks on nothing", async () => {
    const state = await solve(site.url, 2, { plan: GOOD_PLAN, ground: ["Search(water bottle)", "R2 = Click(nothing here); R3 = Buy(b0lm00005e)"] });
    expect(state.stopReason).toBe("action_error");
    expect(state.errors.map((e) => e.kind)).toEqual(["action_notice", "unknown_tool"]);
    // a purchase that is not the line's last action does not end the episode (the reference went on too: the
    // next click finds nothing on the done page); a planner with nothing more to say grounds an empty line
    const later = await solve(site.url, 2, { plan: [...GOOD_PLAN, "No, I will keep planning. Subgoal 3: Check."], ground: ["Search(water bottle)", "R2 = Click(b0lm00005e); R3 = Click(buy now); R4 = Click(back to search)", "R5 = Search(x)"] });
    expect([later.stopReason, later.answer, later.round]).toEqual(["action_error", null, 4]);
    expect(later.errors.map((e) => e.kind)).toEqual(["action_notice", "malformed_action"]);
    expect(later.transcripts.find((t) => t.module === "planner" && t.round === 3)?.prompt).toContain("The executed result for Subgoal 2 is []\n<|assistant|>\n");
    expect(site.purchases.filter((p) => p.asin === "B0LM00005E").length).toBeGreaterThanOrEqual(2);
  });

  it("lumos run plays one goal, with the reference's 5-round limit unless --max-rounds says otherwise", async () => {
    const server = await startScriptedServer((request) => {
      const { module, turn } = locate(String(request.body.prompt));
      return module === "plan" ? (turn === 0 ? "Subgoal 1: Search." : `No, I will keep planning. Subgoal ${turn + 1}: Search again.`) : turn === 0 ? "Search(tea)" : `R${turn + 1} = Search(tea)`;
    });
    try {
      const run = (extra: string[]) =>
        runCli(["run", "--domain", "webshop", "--webshop-url", site.url, "--environment", '{"goal": 3}', "--planner", `completion:p@${server.url}`, "--grounder", `completion:g@${server.url}`, "--json", ...extra, GOALS[3].instruction]);
      const five = await run([]);
      expect(five.code, five.stderr).toBe(0);
      expect(JSON.parse(five.stdout)).toMatchObject({ stopReason: "max_rounds", rounds: 5, answer: null });
      const two = await run(["--max-rounds", "2"]);
      expect(JSON.parse(two.stdout)).toMatchObject({ stopReason: "max_rounds", rounds: 2 });
    } finally {
      await server.close();
    }
  });

  it("lumos eval: a site that is down while the goals load is one line and exit code 1", async () => {
    const down = await startWebShopSite();
    down.setFault({ kind: "down" });
    const r = await runCli(["eval", "--dataset", "webshop", "--webshop-url", down.url, "--webshop-goals", "0-1", "--planner", "completion:p@http://127.0.0.1:9/v1", "--grounder", "completion:g@http://127.0.0.1:9/v1", "--out", join(outDir, "down")]);
    await down.close();
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/WebShop goal 0/);
  });

  it("lumos eval without --webshop-url says what is missing (exit code 2)", async () => {
    const r = await runCli(["eval", "--dataset", "webshop", "--planner", "completion:p@http://127.0.0.1:9/v1", "--grounder", "completion:g@http://127.0.0.1:9/v1", "--out", join(outDir, "none")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--webshop-url/);
    // the reference ran Lumos-I only, and so does the domain
    const onetime = await runCli(["eval", "--dataset", "webshop", "--formulation", "onetime", "--webshop-url", site.url, "--planner", "completion:p@http://127.0.0.1:9/v1", "--grounder", "completion:g@http://127.0.0.1:9/v1", "--out", join(outDir, "onetime")]);
    expect(onetime.code).toBe(2);
    expect(onetime.stderr).toMatch(/runs --formulation iterative only/);
  });
});
