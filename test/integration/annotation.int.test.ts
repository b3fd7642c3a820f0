/**
 * Training data: rule and teacher annotation verified by execution, export in both formats, and the
 * exported conversations replayed through our renderer equal the prompts the agent sends at inference.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseTeacherPlan, renameOutput } from "../../src/annotation/parseTeacher.js";
import { gsm8kNaturalPlan, mathsTeacherPrompt } from "../../src/annotation/teacherPrompt.js";
import type { AnnotationRecord } from "../../src/annotation/annotate.js";
import { renderLumosPrompt, type Turn } from "../../src/protocol/chatTemplate.js";
import { runCli } from "../helpers/cli.js";
import { FIXTURES_DIR } from "../helpers/datasets.js";
import { startGoldServer } from "../helpers/goldServer.js";
import { startScriptedServer, type ScriptedServer } from "../helpers/scriptedServer.js";

const tmp = () => mkdtempSync(join(tmpdir(), "lumos-annotate-"));
const jsonl = <T>(path: string): T[] => readFileSync(path, "utf8").trim().split("\n").map((l) => JSON.parse(l) as T);
const servers: ScriptedServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  delete process.env.OPENAI_BASE_URL;
  delete process.env.OPENAI_API_KEY;
});

describe("teacher output parsing", () => {
  it("reads subgoals and actions and drops the teacher's values", () => {
    const parsed = parseTeacherPlan("Sure!\nSubgoal 1: Find the total.\nAction 1-1: R1 = Calculator(2 + 3) = 5\n\nSubgoal 2: Double it.\nAction 2-1: Output = Calculator(R1 * 2) = 10\nHope this helps.");
    expect(parsed).toEqual({
      ok: true,
      steps: [
        { subgoal: "Subgoal 1: Find the total.", actions: ["R1 = Calculator(2 + 3)"] },
        { subgoal: "Subgoal 2: Double it.", actions: ["Output = Calculator(R1 * 2)"] },
      ],
    });
    if (parsed.ok) expect(renameOutput(parsed.steps)[1].actions).toEqual(["R2 = Calculator(R1 * 2)"]);
  });

  it("explains what is wrong with malformed output", () => {
    expect(parseTeacherPlan("I cannot do that.")).toEqual({ ok: false, reason: "the teacher wrote no 'Subgoal 1'" });
    expect(parseTeacherPlan("Subgoal 1: x\nAction 1-1: R1 = Calculator((2 + 3)")).toMatchObject({ ok: false, reason: expect.stringContaining("unbalanced parentheses") });
    expect(parseTeacherPlan("Subgoal 1: x\nSubgoal 2: y\nAction 2-1: R1 = Calculator(1)")).toMatchObject({ ok: false, reason: "subgoal 1 has no actions" });
    expect(parseTeacherPlan("Subgoal 1: a\nAction 1-1: R1 = Calculator(1)\nSubgoal 3: x")).toMatchObject({ ok: false, reason: "subgoal 3 is out of order" });
  });
});

describe("lumos annotate", () => {
  it("rule-based: keeps what verifies, records the rest", async () => {
    const out = tmp();
    const r = await runCli(["annotate", "--dataset", "gsm8k", "--data-dir", FIXTURES_DIR, "--limit", "100", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    expect(summary).toMatchObject({ dataset: "gsm8k", split: "train", method: "rule", total: 100 });
    expect(summary.kept).toBeGreaterThanOrEqual(96);
    const records = jsonl<AnnotationRecord>(join(out, "annotations.jsonl"));
    for (const record of records) {
      if (record.status === "kept") expect([record.answers.iterative, record.answers.onetime]).toEqual([record.gold, record.gold]);
      else expect(record.reason).toMatch(/^execution does not reach the gold answer: /);
    }
  });

  it("teacher: a loopback teacher's good, wrong, malformed and failing replies", async () => {
    const replies = new Map<string, string | { status: number }>([
      ["Natalia", "Subgoal 1: Calculate the clips sold in May.\nAction 1-1: R1 = Calculator(48 / 2) = 24\n\nSubgoal 2: Calculate the total.\nAction 2-1: Output = Calculator(48 + R1) = 72"],
      ["Weng", "Subgoal 1: Calculate her pay.\nAction 1-1: R1 = Calculator(12 * 50) = 600"],
      ["Betty", "I am not able to convert this plan."],
      ["Julie", { status: 400 }],
    ]);
    const teacher = await startScriptedServer(({ body }) => {
      const prompt = (body.messages as { content: string }[])[0].content;
      const task = /\nTask: ([^\n]*)\n\nNatural language plan:\n(?![\s\S]*\nTask: )/.exec(prompt)?.[1] ?? "";
      for (const [key, reply] of replies) if (task.startsWith(key)) return reply;
      return { status: 500 };
    });
    servers.push(teacher);
    process.env.OPENAI_BASE_URL = teacher.url;
    process.env.OPENAI_API_KEY = "sk-loopback";
    const out = tmp();
    const r = await runCli(["annotate", "--dataset", "gsm8k", "--data-dir", FIXTURES_DIR, "--limit", "4", "--teacher", "openai:teacher", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    const byId = new Map(jsonl<AnnotationRecord>(join(out, "annotations.jsonl")).map((x) => [x.id, x]));
    expect(byId.get("gsm8k-train-0")).toMatchObject({ status: "kept", method: "teacher", answers: { iterative: "72", onetime: "72" } });
    expect(byId.get("gsm8k-train-0")!.steps![1].actions).toEqual(["Output = Calculator(48 + R1)"]);
    expect(byId.get("gsm8k-train-1")).toMatchObject({ status: "rejected", reason: expect.stringContaining('answer "600" is not the gold "10"') });
    expect(byId.get("gsm8k-train-2")).toMatchObject({ status: "rejected", reason: "unusable teacher output: the teacher wrote no 'Subgoal 1'" });
    expect(byId.get("gsm8k-train-3")!.reason).toMatch(/^teacher failed: /);
    const first = JSON.parse(readFileSync(join(FIXTURES_DIR, "gsm8k", "train.jsonl"), "utf8").split("\n")[0]) as { question: string; answer: string };
    const prompts = teacher.requests.map((q) => (q.body.messages as { content: string }[])[0].content);
    expect(prompts).toContain(mathsTeacherPrompt(first.question, gsm8kNaturalPlan(first.answer)));
    expect(prompts[0].startsWith("Please convert natural language plans into a series of subgoals and their corresponding actions")).toBe(true);
  });
});

describe("lumos export", () => {
  it("writes both formats with statistics, and the conversations replay to the agent's inference prompts byte for byte", async () => {
    const out = tmp();
    await runCli(["annotate", "--dataset", "gsm8k", "--data-dir", FIXTURES_DIR, "--limit", "30", "--out", out]);
    const annotations = join(out, "annotations.jsonl");
    const records = jsonl<AnnotationRecord>(annotations).filter((x) => x.status === "kept");
    for (const formulation of ["iterative", "onetime"] as const) {
      for (const module of ["plan", "ground"] as const) {
        const file = join(out, `${module}-${formulation}.jsonl`);
        const r = await runCli(["export", "--module", module, "--formulation", formulation, "--annotations", annotations, "--out", file]);
        expect(r.code, r.stderr).toBe(0);
        expect(JSON.parse(r.stdout)).toMatchObject({ read: 30, kept: records.length, written: records.length });
      }
    }
    const openai = join(out, "openai.jsonl");
    await runCli(["export", "--module", "plan", "--formulation", "iterative", "--format", "openai-chat", "--annotations", annotations, "--out", openai]);
    expect(Object.keys(jsonl<object>(openai)[0])).toEqual(["messages"]);

    // the agent at inference, against a completions server that plays the same plans
    const programs = records.map((x) => ({ id: x.id, task: x.question, gold: x.gold, steps: x.steps! }));
    const server = await startGoldServer(programs);
    servers.push(server);
    for (const formulation of ["iterative", "onetime"] as const) {
      for (const record of records.slice(0, 10)) {
        server.requests.length = 0;
        await runCli(["run", "--planner", `completion:plan|${formulation}@${server.url}`, "--grounder", `completion:ground|${formulation}@${server.url}`, "--formulation", formulation, "--max-rounds", "40", "--task-id", record.id, record.question]);
        for (const module of ["plan", "ground"] as const) {
          const line = jsonl<{ id: string; messages: Turn[] }>(join(out, `${module}-${formulation}.jsonl`)).find((x) => x.id === record.id)!;
          const replayed = line.messages.flatMap((m, k) => (m.role === "assistant" ? [renderLumosPrompt(line.messages.slice(0, k))] : []));
          const sent = server.requests.filter((q) => String(q.body.model).startsWith(module)).map((q) => q.body.prompt);
          expect(replayed).toEqual(sent);
        }
      }
    }
  }, 120_000);

  it("needs --unified for several datasets", async () => {
    const gsm = tmp();
    const svamp = tmp();
    await runCli(["annotate", "--dataset", "gsm8k", "--data-dir", FIXTURES_DIR, "--limit", "3", "--out", gsm]);
    await runCli(["annotate", "--dataset", "svamp", "--data-dir", FIXTURES_DIR, "--limit", "3", "--out", svamp]);
    const files = [join(gsm, "annotations.jsonl"), join(svamp, "annotations.jsonl")];
    const refused = await runCli(["export", "--module", "plan", "--formulation", "onetime", "--out", join(gsm, "u.jsonl"), ...files]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("pass --unified");
    const unified = await runCli(["export", "--module", "plan", "--formulation", "onetime", "--unified", "--out", join(gsm, "u.jsonl"), ...files]);
    expect(JSON.parse(unified.stdout).byDataset).toEqual({ gsm8k: { kept: 3, rejected: 0 }, svamp: { kept: 3, rejected: 0 } });
  });
});

describe("lumos train-config", () => {
  it("writes the paper's recipe for each trainer", async () => {
    const out = tmp();
    const data = join(out, "plan.jsonl");
    writeFileSync(data, `${JSON.stringify({ messages: [{ role: "user", content: "q" }, { role: "assistant", content: "a" }] })}\n`);
    for (const trainer of ["open-instruct", "trl", "axolotl"]) {
      const r = await runCli(["train-config", "--trainer", trainer, "--data", data, "--out", join(out, trainer)]);
      expect(r.code, r.stderr).toBe(0);
    }
    const script = readFileSync(join(out, "open-instruct", "train.sh"), "utf8");
    expect(script).toContain("--learning_rate 2e-5");
    expect(script).toContain("--num_train_epochs 2");
    expect(script).toContain("--max_seq_length 1024");
    expect(script).toContain("--per_device_train_batch_size 2 --gradient_accumulation_steps 8"); // 2 x 8 GPUs x 8 = 128
    const trl = readFileSync(join(out, "trl", "sft.yaml"), "utf8");
    expect(trl).toContain("assistant_only_loss: true");
    expect(readFileSync(join(out, "trl", "lumos_chat_template.jinja"), "utf8")).toContain("{% generation %}");
    expect(readFileSync(join(out, "axolotl", "axolotl.yaml"), "utf8")).toContain('roles_to_train: ["assistant"]');
    const bad = await runCli(["train-config", "--trainer", "trl", "--data", "x", "--gpus", "3"]);
    expect(bad.code).toBe(2);
  });
});
