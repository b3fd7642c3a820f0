/** Bad input gets a clear error (file, line or item, problem; exit 2) and loses nothing (no empty files or folders). */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cleanUpOnFailure } from "../../src/cli/outputDir.js";
import { DatasetFormatError } from "../../src/datasets/format.js";
import { loadInterCodeSql } from "../../src/datasets/simpleLoaders.js";
import { runCli } from "../helpers/cli.js";
import { FIXTURES_DIR } from "../helpers/datasets.js";

const tmp = () => mkdtempSync(join(tmpdir(), "lumos-badinput-"));

/** A data directory holding the fixtures with one file replaced. */
function dataDirWith(file: string, content: string): string {
  const dir = tmp();
  cpSync(FIXTURES_DIR, dir, { recursive: true });
  mkdirSync(join(dir, file, ".."), { recursive: true });
  writeFileSync(join(dir, file), content);
  return dir;
}

const gsmLines = () => readFileSync(join(FIXTURES_DIR, "gsm8k", "test.jsonl"), "utf8").split("\n").filter((l) => l.trim() !== "");

/** `lumos eval` with the offline oracle: reaches the dataset loader without any model. */
async function evalOracle(dataset: string, dataDir: string, out: string) {
  return runCli(["eval", "--dataset", dataset, "--planner", "oracle", "--grounder", "oracle", "--data-dir", dataDir, "--out", out, "--limit", "2"]);
}

describe("dataset files that cannot be used", () => {
  it("a truncated JSONL line names the file and the line, exit 2, and no run folder is left", async () => {
    const lines = gsmLines();
    lines[2] = lines[2].slice(0, 60);
    const dataDir = dataDirWith("gsm8k/test.jsonl", lines.join("\n"));
    const out = join(tmp(), "run");
    const r = await evalOracle("gsm8k", dataDir, out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(dataDir, "gsm8k", "test.jsonl")} line 3 is not JSON`);
    expect(existsSync(out)).toBe(false);
  });

  it("missing and wrongly typed fields name the field", async () => {
    const lines = gsmLines();
    lines[4] = JSON.stringify({ question: "q" });
    let r = await evalOracle("gsm8k", dataDirWith("gsm8k/test.jsonl", lines.join("\n")), join(tmp(), "run"));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/test\.jsonl line 5: missing field "answer" \(string\)/);

    lines[4] = JSON.stringify({ question: "q", answer: "no marker" });
    r = await evalOracle("gsm8k", dataDirWith("gsm8k/test.jsonl", lines.join("\n")), join(tmp(), "run"));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/test\.jsonl line 5: field "answer": has no "#### <final answer>" marker/);

    const svamp = JSON.parse(readFileSync(join(FIXTURES_DIR, "svamp", "test.json"), "utf8")) as Record<string, unknown>[];
    svamp[2].Answer = "5";
    r = await evalOracle("svamp", dataDirWith("svamp/test.json", JSON.stringify(svamp)), join(tmp(), "run"));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/svamp[/\\]test\.json item 2: field "Answer" should be number, got a string \("5"\)/);

    const sqa = JSON.parse(readFileSync(join(FIXTURES_DIR, "strategyqa", "test.json"), "utf8")) as Record<string, unknown>[];
    sqa[7].answer = "yes";
    r = await runCli(["score", "--dataset", "strategyqa", "--predictions", writePredictions([{ id: "strategyqa-0", prediction: "yes" }]), "--data-dir", dataDirWith("strategyqa/test.json", JSON.stringify(sqa))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/strategyqa[/\\]test\.json item 7: field "answer" should be boolean, got a string/);

    r = await runCli(["score", "--dataset", "hotpotqa", "--predictions", writePredictions([{ id: "hotpotqa-dev-0", prediction: "x" }]), "--data-dir", dataDirWith("hotpotqa/dev.json", '{"question": "q"}')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/dev\.json: expected a JSON array of items, got an object/);

    const sqlDir = dataDirWith("intercode_sql/ic_spider_dev.json", JSON.stringify([{ db: "d", query: "q", gold: "SELECT 1", hardness: "easy" }, { db: "d", query: "q", gold: "SELECT 1" }]));
    const error = await loadInterCodeSql(sqlDir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetFormatError);
    expect((error as DatasetFormatError).message).toMatch(/ic_spider_dev\.json item 1: missing field "hardness"/);
  });

  it("a whole-file JSON error gives the line and column", async () => {
    const r = await evalOracle("svamp", dataDirWith("svamp/test.json", '[\n  {"ID": "a",\n  "Body": "b"\n'), join(tmp(), "run"));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/svamp[/\\]test\.json is not JSON.*line \d+/);
  });

  it("an empty dataset file is an error, not a zero-task run", async () => {
    const out = join(tmp(), "run");
    const r = await evalOracle("gsm8k", dataDirWith("gsm8k/test.jsonl", ""), out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/test\.jsonl: the file is empty/);
    expect(existsSync(out)).toBe(false);
    const a = await runCli(["annotate", "--dataset", "gsm8k", "--data-dir", dataDirWith("gsm8k/train.jsonl", "\n\n"), "--out", out]);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/train\.jsonl: the file holds only whitespace/);
    expect(existsSync(out)).toBe(false);
    const s = await evalOracle("svamp", dataDirWith("svamp/test.json", "[]"), out);
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/test\.json: the array is empty/);
  });
});

function writePredictions(lines: unknown[], raw?: string): string {
  const file = join(tmp(), "predictions.jsonl");
  writeFileSync(file, raw ?? lines.map((l) => JSON.stringify(l)).join("\n"));
  return file;
}

describe("lumos score", () => {
  const score = (file: string, dataset = "gsm8k") => runCli(["score", "--dataset", dataset, "--predictions", file, "--data-dir", FIXTURES_DIR]);

  it("refuses an empty file, garbage and wrongly typed lines", async () => {
    const empty = writePredictions([], "");
    let r = await score(empty);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${empty}: the file is empty`);
    expect(r.stdout).toBe("");

    r = await score(writePredictions([], '{"id": "gsm8k-test-0", "prediction": "1"}\n{"id": "gsm8k-test-1", "predic'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/predictions\.jsonl line 2 is not JSON/);

    r = await score(writePredictions([{ id: "gsm8k-test-0", prediction: 18 }]));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/line 1: field "prediction" should be string, got a number \(18\)/);

    r = await score(writePredictions([], "[1, 2]\n"));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/line 1: expected a JSON object, got an array/);
  });

  it("no matching line is an input error on stderr; some unmatched lines are a warning", async () => {
    const file = writePredictions([{ id: "nope", question: "not a GSM8K question", prediction: "1" }]);
    let r = await score(file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}: none of its 1 line(s) matches a GSM8K item`);

    r = await score(writePredictions([{ id: "gsm8k-test-0", prediction: "18" }, { id: "nope", prediction: "1" }]));
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ scored: 1, unmatchedLines: [2] });
    expect(r.stderr).toMatch(/1 of 2 line\(s\) match no GSM8K item/);
  });
});

describe("lumos export", () => {
  const exportTo = (out: string, ...files: string[]) => runCli(["export", "--module", "plan", "--formulation", "iterative", "--out", out, ...files]);

  it("refuses missing, empty and garbage annotations without writing the output", async () => {
    const dir = tmp();
    const out = join(dir, "train.jsonl");
    let r = await exportTo(out, join(dir, "missing.jsonl"));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`cannot read ${join(dir, "missing.jsonl")}: no such file`);

    writeFileSync(join(dir, "empty.jsonl"), "");
    r = await exportTo(out, join(dir, "empty.jsonl"));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(dir, "empty.jsonl")}: the file is empty`);

    writeFileSync(join(dir, "garbage.jsonl"), "hello\n");
    r = await exportTo(out, join(dir, "garbage.jsonl"));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(dir, "garbage.jsonl")} line 1 is not JSON`);

    writeFileSync(join(dir, "fields.jsonl"), `${JSON.stringify({ id: "a", dataset: "gsm8k", status: "kept" })}\n${JSON.stringify({ id: "b", status: "kept" })}\n`);
    r = await exportTo(out, join(dir, "fields.jsonl"));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(dir, "fields.jsonl")} line 2: missing field "dataset"`);

    writeFileSync(join(dir, "rejected.jsonl"), `${JSON.stringify({ id: "a", dataset: "gsm8k", status: "rejected" })}\n`);
    r = await exportTo(out, join(dir, "rejected.jsonl"));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("nothing to export: 1 annotation(s) read");
    expect(existsSync(out)).toBe(false);
  });
});

describe("lumos train-config", () => {
  it("refuses missing, empty and garbage training data, and --out naming a file", async () => {
    const dir = tmp();
    const out = join(dir, "cfg");
    const run = (data: string, to = out) => runCli(["train-config", "--trainer", "trl", "--data", data, "--out", to]);
    let r = await run(join(dir, "missing.jsonl"));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`cannot read --data ${join(dir, "missing.jsonl")}: no such file`);

    writeFileSync(join(dir, "empty.jsonl"), "");
    r = await run(join(dir, "empty.jsonl"));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(dir, "empty.jsonl")}: the file is empty`);

    writeFileSync(join(dir, "bad.jsonl"), `${JSON.stringify({ messages: [{ role: "user", content: "q" }] })}\n${JSON.stringify({ text: "x" })}\n`);
    r = await run(join(dir, "bad.jsonl"));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(dir, "bad.jsonl")} line 2: missing field "messages"`);
    expect(existsSync(out)).toBe(false);

    const good = join(dir, "good.jsonl");
    writeFileSync(good, `${JSON.stringify({ messages: [{ role: "user", content: "q" }, { role: "assistant", content: "a" }] })}\n`);
    writeFileSync(join(dir, "a-file"), "x");
    r = await run(good, join(dir, "a-file"));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--out ${join(dir, "a-file")} is an existing file, not a directory`);
    r = await run(good);
    expect(r.code, r.stderr).toBe(0);
  });
});

describe("output folders", () => {
  it("eval and annotate refuse --out naming an existing file (exit 2, no EEXIST)", async () => {
    const file = join(tmp(), "a-file");
    writeFileSync(file, "keep me");
    for (const r of [await evalOracle("gsm8k", FIXTURES_DIR, file), await runCli(["annotate", "--dataset", "gsm8k", "--data-dir", FIXTURES_DIR, "--out", file])]) {
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`--out ${file} is an existing file, not a directory`);
      expect(r.stderr).not.toContain("EEXIST");
    }
    expect(readFileSync(file, "utf8")).toBe("keep me");
  });

  it("a folder created by a failing command is removed unless it holds output; an existing one is kept", async () => {
    const base = tmp();
    const fail = (dir: string, write?: (dir: string) => void) =>
      cleanUpOnFailure(dir, async () => {
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, "run.json"), "{}");
        writeFileSync(join(dir, "predictions.jsonl"), "");
        write?.(dir);
        throw new Error("boom");
      }).catch(() => undefined);
    await fail(join(base, "new"));
    expect(existsSync(join(base, "new"))).toBe(false);
    await fail(join(base, "runs", "first"));
    expect(existsSync(join(base, "runs"))).toBe(false);
    await fail(join(base, "with-output"), (d) => writeFileSync(join(d, "predictions.jsonl"), '{"id": "x"}\n'));
    expect(existsSync(join(base, "with-output", "predictions.jsonl"))).toBe(true);
    mkdirSync(join(base, "existing"));
    await fail(join(base, "existing"));
    expect(existsSync(join(base, "existing"))).toBe(true);
  });
});
