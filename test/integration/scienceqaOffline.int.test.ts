/**
 * ScienceQA offline end to end: `lumos eval --dataset scienceqa` with the caption backend, a scripted planner
 * and grounder (/v1/completions) and a scripted QA model (/v1/chat/completions), on the fixture's first 20
 * tasks. The QA model answers half of them with the gold option's text and half with another option's, so
 * the accuracy is known; answers are turned into option letters as the official scorer reads them.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseLetteredOptions, letterIndex } from "../../src/datasets/multipleChoice.js";
import { loadScienceQa } from "../../src/datasets/scienceqa.js";
import type { DatasetItem } from "../../src/datasets/types.js";
import { runCli } from "../helpers/cli.js";
import { FIXTURES_DIR } from "../helpers/datasets.js";
import { startScriptedServer, turnIndex, type ScriptedServer } from "../helpers/scriptedServer.js";

let server: ScriptedServer;
let items: DatasetItem[];
const savedEnv = { base: process.env.OPENAI_BASE_URL, key: process.env.OPENAI_API_KEY };

/** The fixture item whose task text a prompt carries (the task of the conversation's own first turn). */
function itemIn(prompt: string): number {
  return items.findIndex((item) => prompt.includes(`Task: ${item.question.trim()}`));
}

beforeAll(async () => {
  items = (await loadScienceQa(FIXTURES_DIR)).slice(0, 20);
  server = await startScriptedServer(({ path, body }) => {
    if (path.endsWith("/chat/completions")) {
      const text = JSON.stringify(body.messages);
      const index = Number(/item-(\d+)/.exec(text)?.[1]);
      const options = parseLetteredOptions(items[index].question)?.options ?? [];
      const gold = letterIndex(items[index].gold);
      // even tasks get the gold option's text, odd ones the next option's
      return `Answer: ${options[index % 2 === 0 ? gold : (gold + 1) % options.length]}`;
    }
    const prompt = String(body.prompt);
    const [module] = String(body.model).split("|");
    const index = itemIn(prompt);
    if (module === "ground") {
      return items[index].environment ? `R1 = VQA([IMG], Question: What does the picture show for item-${index}?)` : `R1 = QA([], Question: item-${index})`;
    }
    return turnIndex(prompt) === 0 ? "Subgoal 1: Answer the question." : "Yes, I will stop planning.";
  });
  process.env.OPENAI_BASE_URL = server.url;
  process.env.OPENAI_API_KEY = "sk-loopback";
});

afterAll(async () => {
  await server.close();
  if (savedEnv.base === undefined) delete process.env.OPENAI_BASE_URL;
  else process.env.OPENAI_BASE_URL = savedEnv.base;
  if (savedEnv.key === undefined) delete process.env.OPENAI_API_KEY;
  else process.env.OPENAI_API_KEY = savedEnv.key;
});

describe("ScienceQA offline with captions", () => {
  it("runs end to end and scores the chosen letters, by has-image", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "lumos-sqa-")), "run");
    const r = await runCli([
      "eval", "--dataset", "scienceqa", "--data-dir", FIXTURES_DIR, "--limit", "20",
      "--planner", `completion:plan|iterative@${server.url}`, "--grounder", `completion:ground|iterative@${server.url}`,
      "--captions", "--qa-model", "openai:qa", "--out", out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    expect(summary.tasks).toBe(20);
    expect(summary.metrics).toMatchObject({ accuracy: 50, robustAccuracy: 50 });
    expect(summary.stopReasons).toEqual({ planner_stop: 20 });
    const imageTasks = items.filter((item) => item.environment).length;
    expect(summary.byCategory.image.tasks).toBe(imageTasks);
    expect(summary.byCategory["no-image"].tasks).toBe(20 - imageTasks);
    // predictions are letters; image tasks were answered over their caption
    const records = readFileSync(join(out, "predictions.jsonl"), "utf8").trim().split("\n").map((line) => JSON.parse(line));
    expect(records.every((record) => /^[A-E]$/.test(record.prediction))).toBe(true);
    const captioned = items.findIndex((item) => (item.environment as { caption?: string } | undefined)?.caption);
    const qaCall = server.requests.find((q) => q.path.endsWith("/chat/completions") && JSON.stringify(q.body).includes(`item-${captioned}?`));
    expect(JSON.stringify(qaCall?.body)).toContain(`Context: Image caption: ${(items[captioned].environment as { caption: string }).caption}`);
    const planPrompt = server.requests.find((q) => String(q.body.model).startsWith("plan") && itemIn(String(q.body.prompt)) === captioned);
    expect(String(planPrompt?.body.prompt)).toContain(`; Initial Environment Description: An image. Caption: ${(items[captioned].environment as { caption: string }).caption}`);
  });

  it("says what is missing: a VQA backend, or a QA model for captions", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "lumos-sqa-")), "run");
    const base = ["eval", "--dataset", "scienceqa", "--data-dir", FIXTURES_DIR, "--limit", "2", "--planner", "oracle", "--grounder", "oracle", "--out", out];
    const none = await runCli(base);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/needs a VQA backend \(--vqa-model or --captions\)/);
    const noQa = await runCli([...base, "--captions"]);
    expect(noQa.code).toBe(2);
    expect(noQa.stderr).toMatch(/the caption backend answers with the QA model: pass --qa-model/);
  });
});
