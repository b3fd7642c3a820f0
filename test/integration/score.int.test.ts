/**
 * `lumos score` against the official HotpotQA answer metrics, the reference's yes/no rule, LLaVA's ScienceQA
 * scorer and A-OKVQA's official evaluation.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { FIXTURES_DIR } from "../helpers/datasets.js";
import { parseLetteredOptions } from "../../src/datasets/multipleChoice.js";

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

/**
 * The prediction of kind `i % 20` for a ScienceQA item (gold letter, options): forms LLaVA's parser reads or
 * rejects, option texts, conflicting and out-of-range letters, and no prediction at all.
 */
function scienceQaPrediction(options: string[], gold: string, i: number): string | null {
  const letters = "ABCDE";
  const g = letters.indexOf(gold);
  const n = options.length;
  const wrong = letters[(g + 1) % n];
  return [
    gold, wrong, `The answer is ${gold}.`, `The answer is ${gold}`, `${gold}. ${options[g]}`, `${gold}. ${options[(g + 1) % n]}`, options[g],
    gold.toLowerCase(), `(${gold})`, `The answer is ${gold}. The answer is ${wrong}.`, `Because of this, the answer is ${wrong}. The answer is ${gold}!`,
    n < 5 ? letters[n] : "F", `${gold}.`, `The answer is ${gold}\r`, `The answer is ${gold}\n`, `${gold} is the answer.`, `Answer: ${gold}`,
    `The answer is (${gold}).`, null, `The answer is ${gold}\u{1F600}`,
  ][i % 20];
}

describe("lumos score on the multiple-choice benchmarks", () => {
  it("ScienceQA: LLaVA's accuracy (as its eval_science_qa.py), ours, and the image breakdown", async () => {
    const rows = JSON.parse(readFileSync(join(FIXTURES_DIR, "scienceqa", "test_CQM-A.json"), "utf8")) as { id: string; image?: string; conversations: { value: string }[] }[];
    const dir = mkdtempSync(join(tmpdir(), "lumos-score-"));
    const lines = rows.map((row, i) => {
      const options = parseLetteredOptions(row.conversations[0].value)!.options;
      return { id: `scienceqa-${row.id}`, prediction: scienceQaPrediction(options, row.conversations[1].value, i) };
    });
    writeFileSync(join(dir, "p.jsonl"), lines.map((l) => JSON.stringify(l)).join("\n"));
    const r = await runCli(["score", "--dataset", "scienceqa", "--predictions", join(dir, "p.jsonl"), "--data-dir", FIXTURES_DIR]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    // LLaVA's eval_science_qa.py on the same 100 predictions (the null ones left out of its results file):
    // "Total: 100, Correct: 35, Accuracy: 35.00%, IMG-Accuracy: 43.48%". Its IMG-Accuracy is 20 / 46: an item
    // without a prediction has the prompt "Unknown" and drops out of the image subset; we count it, 20 / 48.
    expect(out.scored).toBe(100);
    expect(out.metrics.accuracy).toBe(0.35);
    expect(out.byCategory.image).toEqual({ tasks: 48, percent: { accuracy: 41.67, robustAccuracy: 75 } });
    expect(out.byCategory["no-image"].tasks).toBe(52);
    // ours misses only the wrong letter, two conflicting letters (twice), the letter past the options, no prediction
    expect(out.metrics.robustAccuracy).toBe(0.75);
  });

  it("ScienceQA: a question text two items share matches neither; ids do", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lumos-score-"));
    // items 237 and 342: "Two magnets are placed as shown." with different images and answers
    const question = "Context: Two magnets are placed as shown.\nWill these magnets attract or repel each other?\nA. repel\nB. attract";
    const first = "Which figure of speech is used in this text?\nSing, O goddess, the anger of Achilles son of Peleus, that brought countless ills upon the Achaeans.\n—Homer, The Iliad\nA. chiasmus\nB. apostrophe";
    writeFileSync(join(dir, "p.jsonl"), [{ question, prediction: "A" }, { id: "scienceqa-342", prediction: "B" }, { question: first, prediction: "B" }].map((l) => JSON.stringify(l)).join("\n"));
    const r = await runCli(["score", "--dataset", "scienceqa", "--predictions", join(dir, "p.jsonl"), "--data-dir", FIXTURES_DIR]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.scored).toBe(2);
    expect(out.metrics.accuracy).toBe(1);
    expect(r.stderr).toMatch(/1 of 3 line\(s\) match no ScienceQA item .*\(lines 1\); 1 of them give a question that several items share, so they need the item's "id"/);
  });

  it("A-OKVQA: official MC and DA (difficult questions left out of DA), and our mapped MC", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lumos-score-"));
    const rows = JSON.parse(readFileSync(join(FIXTURES_DIR, "aokvqa", "aokvqa_v1p0_val.json"), "utf8")) as { question_id: string; question: string; choices: string[] }[];
    const predictions = ["winter", "B", "It is a service dog.", "Tennis", "wooden", "open", "three", "Red"];
    // half the lines by task text (question and lettered choices), half by id
    const lines = rows.map((row, i) =>
      i % 2 ? { question: `${row.question}\n${row.choices.map((c, k) => `${"ABCD"[k]}. ${c}`).join("\n")}`, prediction: predictions[i] } : { id: `aokvqa-${row.question_id}`, prediction: predictions[i] },
    );
    writeFileSync(join(dir, "p.jsonl"), lines.map((l) => JSON.stringify(l)).join("\n"));
    const r = await runCli(["score", "--dataset", "aokvqa", "--predictions", join(dir, "p.jsonl"), "--data-dir", FIXTURES_DIR, "--details", join(dir, "details.jsonl")]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.scored).toBe(8);
    // allenai/aokvqa eval_predictions.py on the same items and predictions: MC 25.0, DA 61.9047619047619
    expect(out.metrics.mcAccuracyStrict).toBeCloseTo(0.25, 12);
    expect(out.metrics.daAccuracy).toBeCloseTo(0.619047619047619, 12);
    expect(out.averagedOver).toEqual({ daAccuracy: 7 });
    expect(out.metrics.mcAccuracy).toBeCloseTo(5 / 8, 12);
    const details = readFileSync(join(dir, "details.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(details[2].scores).toEqual({ mcAccuracy: 1, mcAccuracyStrict: 0 });
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
