/**
 * Inputs nobody planned for, found in review: a predictions line of another shape on resume, a server's
 * garbage usage block, and annotations whose conversations are not conversations.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { DatasetItem } from "../../src/datasets/types.js";
import { mathsAccuracy } from "../../src/eval/metrics/index.js";
import { runEvaluation } from "../../src/eval/runner.js";
import { recordsIn } from "../helpers/evalRecords.js";
import type { LumosStateValue } from "../../src/graph/state.js";
import { OpenAICompletionsLLM } from "../../src/models/openaiCompletions.js";
import { runCli } from "../helpers/cli.js";
import { startScriptedServer } from "../helpers/scriptedServer.js";

const dir = () => mkdtempSync(join(tmpdir(), "lumos-review-fixes-"));

describe("inputs found in review", () => {
  it("resumes over a predictions line of another shape by running its task again", async () => {
    const path = join(dir(), "predictions.jsonl");
    writeFileSync(path, `${JSON.stringify({ id: "a", prediction: "1" })}\n`);
    const items: DatasetItem[] = [{ id: "a", question: "q", gold: "2", source: null }];
    const solve = async () => ({ task: "q", subgoals: [], actions: [], results: {}, transcripts: [], errors: [], round: 1, stopReason: "planner_stop", answer: "2" }) as unknown as LumosStateValue;
    for (const retryErrors of [false, true]) {
      await runEvaluation({ items, solve, metric: mathsAccuracy, predictionsPath: path, resume: true, retryErrors });
      const records = await recordsIn(path);
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject({ id: "a", prediction: "2", correct: true });
    }
  });

  it("keeps only numeric token counts from a server's usage block", async () => {
    const server = await startScriptedServer(() => ({ json: { choices: [{ text: "R1 = Calculator(1 + 1)" }], usage: { prompt_tokens: "12", completion_tokens: { a: 1 } } } }));
    try {
      const result = await new OpenAICompletionsLLM({ model: "m", baseURL: server.url }).generate(["p"]);
      expect(result.llmOutput?.tokenUsage).toEqual({ promptTokens: 0, completionTokens: 0, totalTokens: 0 });
    } finally {
      await server.close();
    }
  });

  it("refuses annotations whose conversations are not conversations, naming the file and line (exit 2)", async () => {
    const file = join(dir(), "annotations.jsonl");
    const record = { id: "x", dataset: "gsm8k", question: "q", gold: "1", method: "rule", status: "kept", reason: null, teacherOutput: null, steps: [], answers: {}, attempts: 1 };
    writeFileSync(file, `${JSON.stringify({ ...record, conversations: { iterative: { plan: "oops", ground: [] } } })}\n`);
    const r = await runCli(["export", "--module", "plan", "--formulation", "iterative", "--annotations", file, "--out", join(dir(), "out.jsonl")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file} line 1`);
  });
});
