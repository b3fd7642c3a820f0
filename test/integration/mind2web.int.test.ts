/**
 * Mind2Web end to end: `lumos eval --dataset mind2web` over hand-made tasks in the raw test format, with a
 * scripted completions server and a loopback rerank server. The prompts must equal what the reference's
 * loop (allenai/lumos eval/mind2web/run_eval.py) builds for the same outputs, restated here from its code
 * with its unseeded random.randint replaced by our seeded choice; the rerank requests must carry the
 * reference's ranking query and MindAct's candidate texts; the scores must equal a count done by hand; and
 * a failing ranker must become recorded, retryable errors.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateWithRecords } from "../helpers/evalRecords.js";
import { openEnvironmentCount } from "../../src/graph/environments.js";
import { phrasingChooser } from "../../src/web/phrasing.js";
import { FIXTURES_DIR } from "../helpers/datasets.js";
import { runCli } from "../helpers/cli.js";
import { comparablePredictions } from "../helpers/predictions.js";
import { startRerankServer, type RerankServer } from "../helpers/rerankServer.js";
import { startScriptedServer, turnIndex, type ScriptedServer } from "../helpers/scriptedServer.js";

interface RawTask {
  annotation_id: string;
  confirmed_task: string;
  action_reprs: string[];
  actions: { operation: { op: string; value: string }; pos_candidates: { backend_node_id: string }[]; neg_candidates: { backend_node_id: string }[] }[];
}
const TASKS = JSON.parse(readFileSync(join(FIXTURES_DIR, "mind2web", "test_domain", "test_domain_0.json"), "utf8")) as RawTask[];
/** MindAct's format_candidate text of every candidate, as the reference computes it (fixture made with lxml). */
const REPRS = (JSON.parse(readFileSync(new URL("../fixtures/mind2web/task_candidate_reprs.json", import.meta.url), "utf8")) as { by_annotation_id: Record<string, Record<string, string>[]> }).by_annotation_id;

const PLAN_PREFIX = "Please provide a reasonable subgoal-based plan to solve the given task.\n";
const GROUND_PREFIX =
  "Please ground the given subgoal to corresponding executable actions for solving the given task. The grounded actions must be the one in available action list.\n\n" +
  "The available action list is 'CLICK', 'TYPE', 'SELECT'.\nCLICK(Env, Query): Click the relevant html region in Env according to Query; TYPE(Env, Query, Text): Type Text into the relevant html region in Env according to Query; SELECT(Env, Query, Text): Select the value Text of the relevant selection box in Env according to Query.\n\n";
const SEED = 7;

const strip = (s: string) => s.replace(/^[\s]+|[\s]+$/g, "");

/** The reference's translate_action, its random.randint(0, n - 1) replaced by the seeded choice. */
function referenceTranslate(repr: string, taskId: string, step: number): string {
  const randint = (n: number) => phrasingChooser(SEED, taskId, step)(n);
  const action = repr.split(" -> ");
  const head = action[0];
  const tagType = head.slice(head.indexOf("[") + 1, head.indexOf("]"));
  const tagContents = strip(head.slice(head.indexOf("]") + 1));
  if (action[1].includes("CLICK") || action[1].includes("HOVER")) return `${["Visit", "Click", "Find and go into", "Enter"][randint(4)]} ${tagType} ${tagContents}`;
  if (action[1].includes("TYPE")) return `${["Type", "Input", "Put text"][randint(3)]} ${strip(action[1].split("TYPE:").at(-1)!)} in the ${tagType} ${tagContents}`;
  if (action[1].includes("SELECT")) return `${["Select", "Choose", "Pick up"][randint(3)]} ${strip(action[1].split("SELECT:").at(-1)!)} in the ${tagType} ${tagContents}`;
  return `${strip(action[1].split(":")[0]).toLowerCase()} ${tagType} ${tagContents}.`;
}

/** What the scripted models say for task t at step i (odd lines included), and which candidate the ranker favours. */
function plannerLine(t: number, i: number): string {
  if (t === 0 && i === 2) return "Yes, I will stop planning."; // grounded anyway: the loop ignores it
  if (t === 1 && i === 0) return "No, I will keep planning. Subgoal 1: Find the pick-up field  "; // kept whole at step 0
  if (t === 2 && i === 1) return ""; // an empty line is grounded as it is
  return i === 0 ? `Subgoal 1: Do step 1 of task ${t}` : `No, I will keep planning. Subgoal ${i + 1}: Do step ${i + 1} of task ${t}`;
}

/** The ranker favours the candidate whose index (among the pool's distinct texts) the query names: "pick 0" is the first positive. */
function grounderLine(t: number, i: number, task: RawTask): string {
  const { op, value } = task.actions[i].operation;
  const pool = i === 0 ? "Env" : `R${i}`;
  if (t === 0 && i === 1) return `R${i + 1} = SCROLL(${pool}, QUERY: pick 0)`; // not a web operation: recorded, the episode goes on
  if (t === 2 && i === 0) return `R1 = CLICK(Env, QUERY: pick 1)`; // a wrong element
  if (t === 1 && i === 1) return `R2 = ${op}(R9, QUERY: pick 0${op === "CLICK" ? "" : `, TEXT: ${value}`})`; // a variable with no pool
  const text = op === "CLICK" ? "" : `, TEXT: ${t === 2 ? value.toUpperCase() : value}`; // case does not matter to the reference
  return `R${i + 1} = ${op}(${pool}, QUERY: pick 0${text})  `;
}

let models: ScriptedServer;
let ranker: RerankServer;
const dataDir = FIXTURES_DIR;
const out = () => mkdtempSync(join(tmpdir(), "lumos-m2w-"));

beforeAll(async () => {
  models = await startScriptedServer(({ body, headers }) => {
    const prompt = String(body.prompt);
    const t = TASKS.findIndex((task) => task.annotation_id === headers["x-lumos-task-id"]);
    const i = turnIndex(prompt);
    return body.model === "plan" ? plannerLine(t, i) : grounderLine(t, i, TASKS[t]);
  });
  ranker = await startRerankServer({
    score: (query, text, texts) => {
      const k = Number(/^task is: pick (\d+)/.exec(query)?.[1] ?? -1);
      return text === texts[k] ? 1 : 0;
    },
  });
}, 30_000);
afterAll(async () => {
  await models?.close();
  await ranker?.close();
});

describe("Mind2Web (web domain)", () => {
  it("has hand-made tasks that cover every operation, HOVER and ENTER, a big pool and a step without positives", () => {
    const ops = new Set(TASKS.flatMap((t) => t.actions.map((a) => a.operation.op)));
    expect([...ops].sort()).toEqual(["CLICK", "SELECT", "TYPE"]);
    const reprs = TASKS.flatMap((t) => t.action_reprs).join("\n");
    expect(reprs).toContain("-> HOVER");
    expect(reprs).toContain("-> ENTER");
    expect(TASKS.some((t) => t.actions.some((a) => a.pos_candidates.length + a.neg_candidates.length > 50))).toBe(true);
    expect(TASKS.some((t) => t.actions.some((a) => a.pos_candidates.length === 0))).toBe(true);
  });

  it("sends the reference loop's prompts and ranking queries, and scores what a hand count gives", async () => {
    models.requests.length = 0;
    ranker.requests.length = 0;
    const result = await evaluateWithRecords({
      dataset: "mind2web",
      dataDir,
      planner: `completion:plan@${models.url}`,
      grounder: `completion:ground@${models.url}`,
      outDir: out(),
      concurrency: 2,
      domainOptions: { ranker: ranker.url, seed: SEED },
    });
    expect(openEnvironmentCount()).toBe(0);

    for (const [t, task] of TASKS.entries()) {
      const id = task.annotation_id;
      const steps = Math.min(task.actions.length, 15);
      const received = (model: string) => models.requests.filter((r) => r.headers["x-lumos-task-id"] === id && r.body.model === model).map((r) => String(r.body.prompt));
      // the reference's loop, restated from its code
      let plan = `<|user|>\n${PLAN_PREFIX}Task: ${strip(task.confirmed_task)}; Initial Environment Description: None.\n<|assistant|>\n`;
      let ground = "";
      const plans: string[] = [];
      const grounds: string[] = [];
      for (let i = 0; i < steps; i++) {
        if (i > 0) {
          let syn = referenceTranslate(task.action_reprs[i - 1], id, i - 1);
          plan += `Subgoal ${i}: ${syn}`;
          syn = syn[0].toLowerCase() + syn.slice(1);
          plan += `\n\n<|user|>\nWe have already ${syn}. Should we stop planning?\n<|assistant|>\n`;
        }
        plans.push(plan);
        const subgoal = plannerLine(t, i);
        if (i === 0) ground = `<|user|>\n${GROUND_PREFIX}Task: ${strip(task.confirmed_task)} \nSubgoal to be grounded: ${strip(subgoal)}\n<|assistant|>\n`;
        else ground += `${strip(grounderLine(t, i - 1, task))}\n\n<|user|>\nSubgoal to be grounded: ${strip(subgoal.split("No, I will keep planning.").at(-1)!)}\n<|assistant|>\n`;
        grounds.push(ground);
      }
      expect(received("plan"), `planner prompts of task ${t}`).toEqual(plans);
      expect(received("ground"), `grounder prompts of task ${t}`).toEqual(grounds);
    }

    // ranking: the reference's query, and the pool's distinct MindAct texts in pool order (in TEI's batches of 32)
    expect(ranker.requests.some((r) => r.texts.length === 32)).toBe(true);
    for (const request of ranker.requests) {
      const [, query, previous] = /^task is: ([\s\S]*)\nPrevious actions: ([\s\S]*)$/.exec(request.query) ?? [];
      expect(query).toMatch(/^pick \d+( The option contents should be close to '.*'\.)?$/);
      // the step whose last three gold actions the query carries, and whose pool (a batch of it) was sent
      const match = TASKS.flatMap((task) => task.actions.map((_, i) => ({ task, i }))).find(({ task, i }) => {
        if (task.action_reprs.slice(Math.max(i - 3, 0), i).join("; ") !== previous) return false;
        const pool = [...task.actions[i].pos_candidates, ...task.actions[i].neg_candidates].slice(0, 50).map((c) => REPRS[task.annotation_id][i][c.backend_node_id]);
        const distinct = [...new Set(pool)];
        return Array.from({ length: Math.ceil(distinct.length / 32) }, (_, k) => distinct.slice(k * 32, k * 32 + 32)).some((batch) => JSON.stringify(batch) === JSON.stringify(request.texts));
      });
      expect(match, `a rerank request that is no step's query and pool: ${request.query} / ${request.texts[0]}`).toBeDefined();
    }

    // by hand: operations and texts are the gold ones (TYPE/SELECT text upper-cased in task 2: case does not
    // count), so an action is right when its element is a positive; task 0 step 2 (SCROLL) is no web action;
    // task 1 step 2 names R9 (no pool: wrong); task 2 step 1 favours the second distinct text
    let actions = 0;
    let correct = 0;
    for (const [t, task] of TASKS.entries()) {
      for (let i = 0; i < Math.min(task.actions.length, 15); i++) {
        if (t === 0 && i === 1) continue;
        actions++;
        if (t === 1 && i === 1) continue; // no pool: wrong
        // the element ranked first: the first pool candidate with the favoured distinct text
        const step = task.actions[i];
        const pool = [...step.pos_candidates.map((c) => ({ id: c.backend_node_id, positive: true })), ...step.neg_candidates.map((c) => ({ id: c.backend_node_id, positive: false }))].slice(0, 50);
        const texts = pool.map((c) => REPRS[task.annotation_id][i][c.id]);
        const favoured = [...new Set(texts)][t === 2 && i === 0 ? 1 : 0];
        if (pool[texts.indexOf(favoured)].positive) correct++;
      }
    }
    expect(result.summary.totals).toEqual({ webActions: actions, steps: TASKS.reduce((n, task) => n + task.actions.length, 0) });
    expect(result.summary.metrics.stepSuccessRate).toBe(Math.round((correct / actions) * 10000) / 100);
    expect(result.summary.notes?.[0]).toContain("rerank endpoint");
    const records = result.records;
    expect(records.length).toBe(TASKS.length);
    const first = records.find((r) => r.id === TASKS[0].annotation_id)!;
    expect(first.errors.map((e) => e.kind)).toContain("unknown_tool");
    expect(first.stopReason).toBe("completed");
    const second = records.find((r) => r.id === TASKS[1].annotation_id)!;
    expect(second.errors.map((e) => e.kind)).toContain("undefined_variable");
  });

  it("replays gold programs with the oracle, measuring the ranker alone, and labels the lexical fallback (the same with --parallel)", async () => {
    const result = await evaluateWithRecords({ dataset: "mind2web", dataDir, planner: "oracle", grounder: "oracle", outDir: out() });
    const steps = TASKS.reduce((n, task) => n + Math.min(task.actions.length, 15), 0);
    expect(result.summary.totals).toEqual({ webActions: steps, steps });
    expect(result.summary.stopReasons).toEqual({ completed: TASKS.length });
    expect(result.summary.notes).toEqual(["Mind2Web candidates ranked by BM25 (lexical fallback, not the paper's cross-encoder)"]);
    // the gold operation and value every time: the operation F1 misses only the step without a positive
    const withoutPositive = TASKS.reduce((n, task) => n + task.actions.filter((a) => a.pos_candidates.length === 0).length, 0);
    expect(result.summary.metrics.operationF1).toBe(Math.round(((steps - withoutPositive) / steps) * 10000) / 100);
    expect(readFileSync(result.paths.markdown, "utf8")).toContain("> **Note:** Mind2Web candidates ranked by BM25 (lexical fallback");
    // lumos score reads the predictions back and weighs the rates the same way
    const scored = await runCli(["score", "--dataset", "mind2web", "--data-dir", dataDir, "--predictions", result.paths.predictions]);
    expect(scored.code).toBe(0);
    const printed = JSON.parse(scored.stdout) as { percent: Record<string, number>; totals: Record<string, number> };
    expect(printed.percent).toEqual(result.summary.metrics);
    expect(printed.totals).toEqual(result.summary.totals);
    // a replayed trajectory keeps its order under --parallel: the same records
    const parallel = await evaluateWithRecords({ dataset: "mind2web", dataDir, planner: "oracle", grounder: "oracle", outDir: out(), parallel: true });
    expect(comparablePredictions(parallel.paths.predictions)).toEqual(comparablePredictions(result.paths.predictions));
  });

  it("records a failing ranker as errors (retryable when it may pass), and --retry-errors runs those tasks again", async () => {
    let broken = true;
    // the first request gets HTTP 503 (retried, then recorded as retryable), the others garbage (not retryable)
    const flaky = await startRerankServer({ fault: (_request, count) => (!broken ? undefined : count <= 3 ? { status: 503 } : { json: { results: "nope" } }) });
    try {
      const dir = out();
      const options = { dataset: "mind2web", dataDir, planner: `completion:plan@${models.url}`, grounder: `completion:ground@${models.url}`, outDir: dir, concurrency: 1, domainOptions: { ranker: flaky.url, seed: SEED } };
      const first = await evaluateWithRecords(options);
      expect(first.records.length).toBe(TASKS.length);
      const rankerErrors = first.records.flatMap((r) => r.errors.filter((e) => e.kind === "tool_error").map((e) => ({ id: r.id, e })));
      expect(rankerErrors.length).toBeGreaterThan(0);
      expect(rankerErrors.some(({ e }) => e.retryable === true && /HTTP 503/.test(e.message))).toBe(true);
      expect(rankerErrors.some(({ e }) => e.retryable !== true && /garbage/.test(e.message))).toBe(true);
      expect(first.summary.metrics.stepSuccessRate).toBe(0);
      expect(openEnvironmentCount()).toBe(0);
      const retried = new Set(rankerErrors.filter(({ e }) => e.retryable).map(({ id }) => id));
      broken = false;
      const second = await evaluateWithRecords({ ...options, resume: true, retryErrors: true });
      for (const id of retried) {
        const record = second.records.find((r) => r.id === id)!;
        expect(record.errors.filter((e) => e.kind === "tool_error")).toEqual([]);
      }
      expect(second.records.length).toBe(TASKS.length);
    } finally {
      await flaky.close();
    }
  });
});
