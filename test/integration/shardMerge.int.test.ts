/**
 * `lumos eval --shard i/n` and `lumos merge`: the GSM8K oracle on 40 fixture tasks as one run and as three
 * shards merged give the same files except what the clock measured (records' timings, the reports' timing
 * paragraph); an incomplete or mixed set is refused, naming the folder, file or line, with exit code 2.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { FIXTURES_DIR } from "../helpers/datasets.js";

const root = mkdtempSync(join(tmpdir(), "lumos-shards-"));
const at = (name: string) => join(root, name);
const limitedArgs = (limit: number, out: string, ...extra: string[]) => ["eval", "--dataset", "gsm8k", "--planner", "oracle", "--grounder", "oracle", "--data-dir", FIXTURES_DIR, "--limit", String(limit), "--out", out, ...extra];
const evalArgs = (out: string, ...extra: string[]) => limitedArgs(40, out, ...extra);
const read = (dir: string, file: string) => readFileSync(join(dir, file), "utf8");

/** What the clock measured, taken out: each record's timings, the reports' timing paragraph. */
const untimed = {
  predictions: (text: string) => text.split("\n").map((line) => (line === "" ? line : JSON.stringify({ ...JSON.parse(line), timings: null }))),
  markdown: (text: string) => text.replace(/## Timing\n\n.*\n/, "## Timing\n\n(timing)\n"),
  html: (text: string) => text.replace(/<h2>Timing<\/h2><p>[^]*?<\/p>/, "<h2>Timing</h2>(timing)"),
};

async function expectRefused(args: string[], message: RegExp, out?: string): Promise<void> {
  const r = await runCli(args);
  expect(r.code, r.stdout + r.stderr).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  if (out !== undefined) expect(existsSync(join(out, "predictions.jsonl"))).toBe(false);
}

beforeAll(async () => {
  for (const [out, extra] of [["whole", []], ["s1", ["--shard", "1/3"]], ["s2", ["--shard", "2/3"]], ["s3", ["--shard", "3/3"]]] as const) {
    const r = await runCli(evalArgs(at(out), ...extra));
    expect(r.code, r.stderr).toBe(0);
  }
}, 120_000);

describe("sharded evaluation", () => {
  it("runs contiguous slices and records the shard in run.json and the summary", () => {
    const tasks = ["s1", "s2", "s3"].map((dir) => JSON.parse(read(at(dir), "summary.json")).tasks);
    expect(tasks).toEqual([13, 13, 14]);
    expect(JSON.parse(read(at("s2"), "run.json")).shard).toEqual({ index: 2, count: 3, of: 40 });
    expect(JSON.parse(read(at("s2"), "summary.json")).shard).toBe("2/3");
    expect(read(at("s2"), "report.md")).toContain("Subset: full, limit 40, shard 2/3");
    const ids = (dir: string) => read(at(dir), "predictions.jsonl").trim().split("\n").map((l) => JSON.parse(l).id);
    expect(ids("s2")).toEqual(Array.from({ length: 13 }, (_, i) => `gsm8k-test-${13 + i}`));
    // each run's file ends in dataset order, so the shards concatenate to the whole run's
    expect([...ids("s1"), ...ids("s2"), ...ids("s3")]).toEqual(ids("whole"));
  });

  it("merged, equals the unsharded run but for what the clock measured", async () => {
    const r = await runCli(["merge", at("s1"), at("s2"), at("s3"), "--out", at("merged")]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("merged 3 shard(s) of gsm8k");
    expect(read(at("merged"), "run.json")).toBe(read(at("whole"), "run.json"));
    expect(read(at("merged"), "summary.json")).toBe(read(at("whole"), "summary.json"));
    expect(untimed.predictions(read(at("merged"), "predictions.jsonl"))).toEqual(untimed.predictions(read(at("whole"), "predictions.jsonl")));
    expect(untimed.markdown(read(at("merged"), "report.md"))).toBe(untimed.markdown(read(at("whole"), "report.md")));
    expect(untimed.html(read(at("merged"), "report.html"))).toBe(untimed.html(read(at("whole"), "report.html")));
    // the one difference: no single wall time
    expect(read(at("merged"), "report.md")).toMatch(/## Timing\n\nMerged from 3 runs \(each run's report has its wall time\); mean per task \d+ ms/);
    expect(read(at("merged"), "report.html")).toContain("<h2>Timing</h2><p>Merged from 3 runs");
    // the shards in any order on the command line
    expect((await runCli(["merge", at("s3"), at("s1"), at("s2"), "--out", at("merged-again")])).code).toBe(0);
    expect(read(at("merged-again"), "summary.json")).toBe(read(at("whole"), "summary.json"));
  });

  it("merges a set with an empty shard (more shards than tasks)", async () => {
    for (const i of [1, 2, 3]) expect((await runCli(limitedArgs(2, at(`tiny${i}`), "--shard", `${i}/3`))).code).toBe(0);
    expect(existsSync(join(at("tiny1"), "predictions.jsonl"))).toBe(false);
    expect((await runCli(limitedArgs(2, at("tiny")))).code).toBe(0);
    expect((await runCli(["merge", at("tiny1"), at("tiny2"), at("tiny3"), "--out", at("tiny-merged")])).code).toBe(0);
    expect(read(at("tiny-merged"), "summary.json")).toBe(read(at("tiny"), "summary.json"));
  });

  it("refuses an incomplete or mixed set, naming what is wrong", async () => {
    const out = at("refused");
    await expectRefused(["merge", at("s1"), at("s3"), "--out", out], /shard 2\/3 of 3 missing: merge joins a whole set/, out);
    await expectRefused(["merge", at("s1"), at("s1"), at("s2"), at("s3"), "--out", out], /s1 and .*s1 are both shard 1\/3/, out);
    await expectRefused(["merge", at("whole"), at("s1"), "--out", out], /whole\/run\.json has no "shard": .* is an unsharded run/, out);
    await expectRefused(["merge", at("s1"), at("nowhere"), "--out", out], /nowhere is not a folder/, out);

    // another configuration: another round limit
    expect((await runCli(evalArgs(at("other2"), "--shard", "2/3", "--max-rounds", "9"))).code).toBe(0);
    await expectRefused(["merge", at("s1"), at("other2"), at("s3"), "--out", out], /other2 is not a shard of the same run as .*s1 \(maxRounds: was "each gold program's steps \+ 1, at least 8", now 9\)/, out);
    // another n
    expect((await runCli(evalArgs(at("half"), "--shard", "1/2"))).code).toBe(0);
    await expectRefused(["merge", at("s1"), at("half"), "--out", out], /s1 is shard 1\/3 but .*half is shard 1\/2/, out);

    // a shard that has not finished: a task missing, no summary yet
    cpSync(at("s2"), at("short"), { recursive: true });
    const lines = read(at("short"), "predictions.jsonl").trim().split("\n");
    writeFileSync(join(at("short"), "predictions.jsonl"), `${lines.slice(0, -1).join("\n")}\n`);
    await expectRefused(["merge", at("s1"), at("short"), at("s3"), "--out", out], /short\/predictions\.jsonl holds 12 of the 13 tasks of shard 2\/3: finish it with lumos eval .* --resume --out .*short/, out);
    rmSync(join(at("short"), "summary.json"));
    await expectRefused(["merge", at("s1"), at("short"), at("s3"), "--out", out], /short has no summary\.json: shard 2\/3 has not finished/, out);

    // a damaged line, a task in two shards
    cpSync(at("s2"), at("damaged"), { recursive: true });
    writeFileSync(join(at("damaged"), "predictions.jsonl"), lines.map((line, i) => (i === 2 ? line.slice(0, 40) : line)).join("\n"));
    await expectRefused(["merge", at("s1"), at("damaged"), at("s3"), "--out", out], /damaged\/predictions\.jsonl line 3 is not JSON/, out);
    // a summary or run description that is JSON but not one
    cpSync(at("s2"), at("nulls"), { recursive: true });
    writeFileSync(join(at("nulls"), "summary.json"), "null\n");
    await expectRefused(["merge", at("s1"), at("nulls"), at("s3"), "--out", out], /nulls\/summary\.json is not a summary of lumos eval/, out);
    writeFileSync(join(at("nulls"), "run.json"), "[]\n");
    await expectRefused(["merge", at("s1"), at("nulls"), at("s3"), "--out", out], /nulls\/run\.json is not a run description of lumos eval/, out);
    cpSync(at("s3"), at("overlap"), { recursive: true });
    const last = read(at("overlap"), "predictions.jsonl").trim().split("\n");
    writeFileSync(join(at("overlap"), "predictions.jsonl"), `${[lines[0], ...last.slice(1)].join("\n")}\n`);
    await expectRefused(["merge", at("s1"), at("s2"), at("overlap"), "--out", out], /overlap\/predictions\.jsonl line 1: task gsm8k-test-13 is also in .*s2: shards must not share tasks/, out);

    // where the merged run would go already holds one; usage
    await expectRefused(["merge", at("s1"), at("s2"), at("s3"), "--out", at("whole")], /whole\/predictions\.jsonl already exists: choose another --out/);
    await expectRefused(["merge", at("s1"), at("s2"), at("s3")], /missing --out DIR/);
    await expectRefused(["merge", "--out", out], /missing RUN folders/);
  });

  it("checks --shard, and resuming a shard checks it is the same shard", async () => {
    await expectRefused(evalArgs(at("bad"), "--shard", "4/3"), /--shard: expected i\/n with n ≥ 1 and i from 1 to n .*not "4\/3"/, at("bad"));
    const again = await runCli(evalArgs(at("s2"), "--shard", "2/3", "--resume"));
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain("resumed: 13 task(s)");
    await expectRefused(evalArgs(at("s2"), "--shard", "3/3", "--resume"), /shard: was \{"index":2,"count":3,"of":40\}, now \{"index":3,"count":3,"of":40\}/);
    await expectRefused(evalArgs(at("s2"), "--resume"), /shard: was \{"index":2,"count":3,"of":40\}, now \(not set\)/);
    await expectRefused(evalArgs(at("whole"), "--shard", "1/3", "--resume"), /shard: was \(not set\), now \{"index":1/);
  });
});
