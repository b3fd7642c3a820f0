/**
 * Task lists: a long list is spilled to a temporary file and read back a block at a time, item for item equal
 * to what was given; lists JSON would change, short lists and unwritable temporary directories are held; the
 * runner and the oracle's gold programs work the same over a spilled list as over the array.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DatasetItem } from "../../src/datasets/types.js";
import { evaluateDataset } from "../../src/eval/evaluate.js";
import { lazyGoldPrograms } from "../../src/eval/goldProgramSource.js";
import { mathsAccuracy } from "../../src/eval/metrics/index.js";
import { runEvaluation } from "../../src/eval/runner.js";
import { heldTasks, SPILL_BLOCK, spillTasks, type TaskList } from "../../src/eval/taskList.js";
import type { LumosStateValue } from "../../src/graph/state.js";

const opened: TaskList[] = [];
// a temporary directory of this file's own, so other test files' spills never change the counts here
let privateTmp: string;
beforeEach(() => {
  privateTmp = mkdtempSync(join(tmpdir(), "lumos-tasklist-tmp-"));
  vi.stubEnv("TMPDIR", privateTmp);
});
afterEach(() => {
  for (const list of opened.splice(0)) list.close();
  vi.unstubAllEnvs();
  rmSync(privateTmp, { recursive: true, force: true });
});

function items(count: number): DatasetItem[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `t-${i}`,
    question: `How many apples? ${"é✓ ".repeat(i % 5)}line\nnext "quoted" ${i}`,
    gold: String(i),
    ...(i % 3 === 0 ? { category: i % 2 === 0 ? "easy" : "hard" } : {}),
    ...(i % 4 === 0 ? { environment: { db: `db_${i}`, tables: ["a", "b"] } } : {}),
    source: { question: `q${i}`, answer: `#### ${i}`, nested: { list: [i, null, true, 1.5], text: "\u2028\u0000" } },
  }));
}

const spill = (list: DatasetItem[], minimum?: number) => {
  const tasks = spillTasks(list, minimum);
  opened.push(tasks);
  return tasks;
};

/** Temporary spill directories still on disk. */
const spillDirs = () => readdirSync(tmpdir()).filter((name) => name.startsWith("lumos-tasks-"));

/** Spill files this process has open (Linux: /proc/self/fd; elsewhere undefined, and the check is left out). */
function openSpillFiles(): number | undefined {
  if (!existsSync("/proc/self/fd")) return undefined;
  let count = 0;
  for (const fd of readdirSync("/proc/self/fd")) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`).includes("lumos-tasks-")) count++;
    } catch {
      // closed since the listing
    }
  }
  return count;
}

describe("spilled task lists", () => {
  it("give back every item equal to the one given, in any order of access, from a file already gone from the disk", () => {
    const given = items(3 * SPILL_BLOCK + 17);
    const tasks = spill(given);
    // removed while open: an evaluation that is killed leaves nothing behind
    expect(spillDirs()).toEqual([]);
    if (openSpillFiles() !== undefined) expect(openSpillFiles()).toBe(1);
    expect(tasks.length).toBe(given.length);
    const order = [0, given.length - 1, SPILL_BLOCK, 1, 2 * SPILL_BLOCK + 5, 3, given.length - 2, 0, SPILL_BLOCK - 1];
    for (const index of [...order, ...given.keys()]) {
      expect(tasks.id(index)).toBe(given[index].id);
      expect(tasks.at(index)).toEqual(given[index]);
    }
    expect(() => tasks.at(given.length)).toThrow(RangeError);
    expect(() => tasks.id(-1)).toThrow(RangeError);
    tasks.close();
    if (openSpillFiles() !== undefined) expect(openSpillFiles()).toBe(0);
    expect(() => tasks.at(0)).toThrow(/closed/);
  });

  it("holds a short list, a list JSON would change, and a list whose temporary directory cannot be written", () => {
    const short = items(10);
    expect(spill(short).at(3)).toBe(short[3]);
    const dated = items(SPILL_BLOCK + 1);
    dated[SPILL_BLOCK] = { ...dated[SPILL_BLOCK], source: { when: new Date(0) } };
    expect(spill(dated).at(SPILL_BLOCK)).toBe(dated[SPILL_BLOCK]);
    const notANumber = items(SPILL_BLOCK + 1);
    notANumber[7] = { ...notANumber[7], source: { value: Number.NaN } };
    expect(spill(notANumber).at(7)).toBe(notANumber[7]);
    const nowhere = mkdtempSync(join(tmpdir(), "lumos-no-tmp-"));
    rmSync(nowhere, { recursive: true });
    vi.stubEnv("TMPDIR", join(nowhere, "missing"));
    const unwritable = items(SPILL_BLOCK + 1);
    expect(spill(unwritable).at(1)).toBe(unwritable[1]);
    vi.stubEnv("TMPDIR", privateTmp);
    expect(spillDirs()).toEqual([]);
    if (openSpillFiles() !== undefined) expect(openSpillFiles()).toBe(0);
    // an item without optional fields keeps their absence
    const plain = spill(items(SPILL_BLOCK + 2)).at(1);
    expect(Object.keys(plain).sort()).toEqual(["gold", "id", "question", "source"]);
  });
});

describe("over a spilled list", () => {
  const state = (answer: string) => ({ answer, actions: [], errors: [], stopReason: "planner_stop" }) as unknown as LumosStateValue;

  it("the runner writes the same predictions file as over the array, resumes by id, and starts each task once", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lumos-tasklist-"));
    try {
      const given = items(SPILL_BLOCK * 2 + 3);
      const solve = async (item: DatasetItem) => state(Number(item.gold) % 7 === 0 ? "wrong" : item.gold);
      const strip = (text: string) => text.split("\n").filter(Boolean).map((line) => { const { ms: _ms, timings: _timings, ...rest } = JSON.parse(line); return rest; });
      await runEvaluation({ items: given, solve, metric: mathsAccuracy, predictionsPath: join(dir, "held.jsonl"), concurrency: 8 });
      const started: string[] = [];
      const tasks = spill(given);
      // the first half, then a resumed run over the spilled list for the rest
      await runEvaluation({ items: heldTasks(given.slice(0, 300)), solve, metric: mathsAccuracy, predictionsPath: join(dir, "spilled.jsonl"), concurrency: 8 });
      const run = await runEvaluation({
        items: tasks,
        solve: (item) => (started.push(item.id), solve(item)),
        metric: mathsAccuracy,
        predictionsPath: join(dir, "spilled.jsonl"),
        concurrency: 8,
        resume: true,
      });
      expect(run).toMatchObject({ tasks: given.length, resumed: 300 });
      expect(started).toEqual(given.slice(300).map((item) => item.id));
      expect(strip(readFileSync(join(dir, "spilled.jsonl"), "utf8"))).toEqual(strip(readFileSync(join(dir, "held.jsonl"), "utf8")));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the oracle's gold programs are derived from the items read back", () => {
    const given = items(SPILL_BLOCK + 40);
    const derive = (some: DatasetItem[]) => some.map((item) => ({ id: item.id, question: item.question, steps: [{ subgoal: `answer ${item.gold}`, actions: [] }] }));
    const fromArray = lazyGoldPrograms(given, derive as never);
    const fromSpilled = lazyGoldPrograms(spill(given), derive as never);
    for (const index of [0, 5, SPILL_BLOCK, SPILL_BLOCK + 39]) {
      expect(fromSpilled.byId(given[index].id)).toEqual(fromArray.byId(given[index].id));
      expect(fromSpilled.byTask(given[index].question)).toEqual(fromArray.byId(given[index].id));
    }
    expect(fromSpilled.byId("no-such-id")).toBeUndefined();
  });
});

describe("an evaluation of more tasks than a block", () => {
  it("spills them, scores them as a held run does, and leaves no spill file behind", async () => {
    const work = mkdtempSync(join(tmpdir(), "lumos-tasklist-eval-"));
    try {
      const lines = readFileSync(new URL("../fixtures/datasets/gsm8k/test.jsonl", import.meta.url), "utf8").trim();
      const dataDir = join(work, "data");
      mkdirSync(join(dataDir, "gsm8k"), { recursive: true });
      // 300 tasks (100 fixture lines three times; ids follow the line numbers)
      writeFileSync(join(dataDir, "gsm8k", "test.jsonl"), `${[lines, lines, lines].join("\n")}\n`);
      const options = { dataset: "gsm8k", dataDir, planner: "oracle", grounder: "oracle", concurrency: 4 } as const;
      // spilled while it runs: a spill file is open (and none is on disk) as its tasks start
      const duringRun = new Set<string>();
      const long = await evaluateDataset({ ...options, outDir: join(work, "long"), onTaskStart: () => void duringRun.add(`open ${openSpillFiles() ?? "?"}, on disk ${spillDirs().length}`) });
      expect([...duringRun]).toEqual([`open ${openSpillFiles() === undefined ? "?" : 1}, on disk 0`]);
      const short = await evaluateDataset({ ...options, outDir: join(work, "short"), limit: 100 });
      expect(spillDirs()).toEqual([]);
      if (openSpillFiles() !== undefined) expect(openSpillFiles()).toBe(0);
      expect(long.summary.tasks).toBe(300);
      expect(long.summary.correct).toBe(3 * short.summary.correct);
      const answers = async (result: typeof long) => {
        const out: unknown[] = [];
        for await (const record of result.records()) out.push([record.id, record.prediction, record.correct]);
        return out;
      };
      const longAnswers = await answers(long);
      expect(longAnswers.slice(0, 100)).toEqual(await answers(short));
      expect(longAnswers.slice(200).map((row) => (row as unknown[]).slice(1))).toEqual(longAnswers.slice(0, 100).map((row) => (row as unknown[]).slice(1)));
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 120_000);
});
