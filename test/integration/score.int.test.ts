/** `lumos score` against the official HotpotQA answer metrics and the reference's yes/no rule. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { FIXTURES_DIR } from "../helpers/datasets.js";

const OFFICIAL = fileURLToPath(new URL("../reference/hotpot_answer_metrics.py", import.meta.url));

/** Deterministic pseudo-random perturbations of gold answers: predictions no one has tuned against. */
function perturb(gold: string, seed: number): string {
  const r = (n: number) => (seed * 2654435761 + n * 40503) % 97;
  switch (r(1) % 12) {
    case 0: return gold;
    case 1: return `The ${gold}.`;
    case 2: return gold.toUpperCase();
    case 3: return gold.split(" ").slice(0, Math.max(1, Math.floor(gold.split(" ").length / 2))).join(" ");
    case 4: return `${gold} and an extra clause, with punctuation!`;
    case 5: return gold === "yes" ? "no" : "yes";
    case 6: return "";
    case 7: return `a  ${gold.replace(/ /g, "   ")}\t`;
    case 8: return "noanswer";
    case 9: return `${gold}é the thé a`;
    case 10: return gold.replace(/[aeiou]/g, "");
    default: return `“${gold}” (${seed})`;
  }
}

describe("lumos score", () => {
  it("gives the same EM and F1 as the official HotpotQA evaluation", async () => {
    const gold = JSON.parse(readFileSync(join(FIXTURES_DIR, "hotpotqa", "dev.json"), "utf8")) as { question: string; answer: string }[];
    const picked = gold.slice(0, 100);
    const dir = mkdtempSync(join(tmpdir(), "lumos-score-"));
    const lines = picked.map((g, i) => ({ id: `hotpotqa-dev-${i}`, question: g.question, prediction: perturb(g.answer, i) }));
    // half the lines are matched by question text only
    writeFileSync(join(dir, "predictions.jsonl"), lines.map((l, i) => JSON.stringify(i % 2 ? { question: l.question, prediction: l.prediction } : l)).join("\n"));
    writeFileSync(join(dir, "official_pred.json"), JSON.stringify({ answer: Object.fromEntries(lines.map((l) => [l.id, l.prediction])) }));
    writeFileSync(join(dir, "official_gold.json"), JSON.stringify(picked.map((g, i) => ({ _id: `hotpotqa-dev-${i}`, answer: g.answer }))));

    const official = JSON.parse(execFileSync("python3", [OFFICIAL, join(dir, "official_pred.json"), join(dir, "official_gold.json")], { encoding: "utf8" }));
    const ours = await runCli(["score", "--dataset", "hotpotqa", "--predictions", join(dir, "predictions.jsonl"), "--data-dir", FIXTURES_DIR]);
    expect(ours.code, ours.stderr).toBe(0);
    const out = JSON.parse(ours.stdout);
    expect(out.scored).toBe(100);
    expect(out.metrics.em).toBeCloseTo(official.em, 12);
    expect(out.metrics.f1).toBeCloseTo(official.f1, 12);
    expect(official.em).toBeGreaterThan(0.05);
    expect(official.em).toBeLessThan(0.6);
  });

  it("scores StrategyQA with the reference's yes rule and GSM8K in both modes", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lumos-score-"));
    const sqa = JSON.parse(readFileSync(join(FIXTURES_DIR, "strategyqa", "test.json"), "utf8")) as { question: string; answer: boolean }[];
    writeFileSync(
      join(dir, "sqa.jsonl"),
      [
        { question: sqa[0].question, prediction: "Question: ...; Answer: Yes." }, // gold true
        { question: sqa[1].question, prediction: "Answer: no" }, // gold false
        { question: sqa[2].question, prediction: "Answer: yes" }, // gold false
      ].map((l) => JSON.stringify(l)).join("\n"),
    );
    const s = JSON.parse((await runCli(["score", "--dataset", "strategyqa", "--predictions", join(dir, "sqa.jsonl"), "--data-dir", FIXTURES_DIR])).stdout);
    expect(s.metrics.accuracy).toBeCloseTo(2 / 3, 12);

    writeFileSync(join(dir, "gsm.jsonl"), [{ id: "gsm8k-test-0", prediction: "18" }, { id: "gsm8k-test-1", prediction: "3.0" }, { id: "gsm8k-test-2", prediction: "$70,000" }].map((l) => JSON.stringify(l)).join("\n"));
    const g = JSON.parse((await runCli(["score", "--dataset", "gsm8k", "--predictions", join(dir, "gsm.jsonl"), "--data-dir", FIXTURES_DIR])).stdout);
    expect(g.percent).toEqual({ accuracy: 33.33, numericAccuracy: 100 });
  });

  it("explains unreadable input", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lumos-score-"));
    writeFileSync(join(dir, "bad.jsonl"), '{"question": "x", "prediction": "y"}\nnot json\n');
    const r = await runCli(["score", "--dataset", "gsm8k", "--predictions", join(dir, "bad.jsonl"), "--data-dir", FIXTURES_DIR]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("line 2 is not JSON");
    const missing = await runCli(["score", "--dataset", "gsm8k", "--predictions", join(dir, "nope.jsonl")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read/);
  });
});

describe("LLM judge", () => {
  it("sends the paper's judge prompt and counts replies of exactly CORRECT", async () => {
    const { startScriptedServer } = await import("../helpers/scriptedServer.js");
    const replies = ["CORRECT", "INCORRECT", " CORRECT\n"];
    let i = 0;
    const server = await startScriptedServer(() => replies[i++]);
    process.env.OPENAI_BASE_URL = server.url;
    process.env.OPENAI_API_KEY = "sk-loopback";
    try {
      const dir = mkdtempSync(join(tmpdir(), "lumos-judge-"));
      const hotpot = JSON.parse(readFileSync(join(FIXTURES_DIR, "hotpotqa", "dev.json"), "utf8")) as { question: string; answer: string }[];
      writeFileSync(join(dir, "p.jsonl"), hotpot.slice(0, 3).map((g) => JSON.stringify({ question: g.question, prediction: `It is ${g.answer}` })).join("\n"));
      const r = await runCli(["score", "--dataset", "hotpotqa", "--predictions", join(dir, "p.jsonl"), "--data-dir", FIXTURES_DIR, "--judge", "openai:judge"]);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).metrics.judge).toBeCloseTo(2 / 3, 12);
      const messages = server.requests[0].body.messages as { role: string; content: string }[];
      expect(messages).toEqual([
        {
          role: "user",
          content: `Please judge whether the model prediction can be regarded as correct according to the given question and its ground-truth answer. Please answer 'CORRECT' or 'INCORRECT'. No more details and explanations.\n\nQuestion: ${hotpot[0].question}\nModel prediction: It is ${hotpot[0].answer}\nGround-truth answer: ${hotpot[0].answer}\n`,
        },
      ]);
    } finally {
      delete process.env.OPENAI_BASE_URL;
      delete process.env.OPENAI_API_KEY;
      await server.close();
    }
  });
});
