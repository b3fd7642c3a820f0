/**
 * Reports written by streaming predictions.jsonl equal, byte for byte, the ones built from a records array
 * before (kept verbatim in test/helpers/batchReports.ts); the file reading under them (chunked lines, dataset
 * order at the end of a run) keeps every byte.
 */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fileLines } from "../../src/datasets/fileLines.js";
import type { EvalRecord } from "../../src/eval/record.js";
import { htmlReport } from "../../src/eval/report/html.js";
import { markdownReport } from "../../src/eval/report/markdown.js";
import { runPaths, runRecords, writeRunReports } from "../../src/eval/runReports.js";
import type { RunMeta } from "../../src/eval/summary.js";
import { orderTaskFile } from "../../src/eval/taskFileOrder.js";
import { batchSummarize } from "../helpers/batchSummary.js";
import { batchHtmlReport, batchMarkdownReport, batchTimingStats } from "../helpers/batchReports.js";
import { collect, variedRecords } from "../helpers/evalRecords.js";

const dir = () => mkdtempSync(join(tmpdir(), "lumos-streamed-"));
const jsonl = (records: unknown[]) => records.map((r) => `${JSON.stringify(r)}\n`).join("");
const meta: RunMeta = { dataset: "d", formulation: "onetime", planner: "p <x>", grounder: "g", subset: "paper", limit: 140, split: "s", notes: ["n & m"] };
const weightedBy = { stepRate: "steps", actionRate: "actions" };

describe("streamed reports", () => {
  it("summary.json, report.md and report.html equal the batch ones for the same records", async () => {
    // more misses than report.md lists (50), categories, weights; lines of other ids after the run's own
    for (const count of [140, 3, 0]) {
      const records = variedRecords(count, 11);
      const paths = runPaths(dir());
      writeFileSync(paths.predictions, jsonl([...records, { ...records[0], id: "not-this-run" }].slice(0, count === 0 ? 0 : count + 1)));
      const categories = new Map(records.map((r) => [r.id, r.category]));
      const names = ["accuracy", "stepRate", "f1"];
      const { summary, timing } = await writeRunReports({ paths, meta, tasks: count, metricNames: names, weightedBy, wall: 4321 });

      const expected = batchSummarize(meta, records, names, (id) => categories.get(id), weightedBy);
      const expectedTiming = batchTimingStats(records, 4321);
      expect(readFileSync(paths.summary, "utf8")).toBe(`${JSON.stringify(expected, null, 2)}\n`);
      expect(summary).toEqual(expected);
      expect(timing).toEqual(expectedTiming);
      expect(readFileSync(paths.markdown, "utf8"), `${count} records`).toBe(batchMarkdownReport(expected, records, expectedTiming));
      expect(readFileSync(paths.html, "utf8"), `${count} records`).toBe(batchHtmlReport(expected, records, expectedTiming));
      expect(await htmlReport(expected, records, expectedTiming)).toBe(batchHtmlReport(expected, records, expectedTiming));
      expect(markdownReport(expected, records, expectedTiming)).toBe(batchMarkdownReport(expected, records, expectedTiming));
      expect(await collect(runRecords(paths.predictions, count))).toEqual(records);
    }
  });

  it("a record's category fills in for a task whose record has none (records from before categories)", async () => {
    const records = variedRecords(40, 5);
    const paths = runPaths(dir());
    writeFileSync(paths.predictions, jsonl(records.map(({ category: _category, ...rest }) => rest)));
    const categories = new Map(records.map((r) => [r.id, r.category]));
    const { summary } = await writeRunReports({ paths, meta, tasks: 40, metricNames: ["accuracy"], categoryOf: (id) => categories.get(id), wall: 1 });
    expect(summary).toEqual(batchSummarize(meta, records, ["accuracy"], (id) => categories.get(id)));
  });

  it("the merged timing names the runs instead of a wall time", async () => {
    const records = variedRecords(10);
    const paths = runPaths(dir());
    writeFileSync(paths.predictions, jsonl(records));
    await writeRunReports({ paths, meta, tasks: 10, metricNames: ["accuracy"], wall: { mergedRuns: 3 } });
    expect(readFileSync(paths.markdown, "utf8")).toMatch(/^Merged from 3 runs \(each run's report has its wall time\); mean per task \d+ ms/m);
    expect(readFileSync(paths.html, "utf8")).toContain("<h2>Timing</h2><p>Merged from 3 runs (each run's report has its wall time). Mean per task");
  });
});

describe("task file reading and order", () => {
  it("reads lines across chunks: long lines, multi-byte characters, a last line without a newline", async () => {
    const path = join(dir(), "lines.jsonl");
    const long = "é".repeat(200_000); // 400,000 bytes: spans chunks
    const lines = ["short", long, "", `x${"€".repeat(90_000)}y`, "last"];
    writeFileSync(path, lines.join("\n"));
    const read = await collect(fileLines(path));
    expect(read.map((l) => l.text)).toEqual(lines);
    expect(read.map((l) => l.number)).toEqual([1, 2, 3, 4, 5]);
    const bytes = readFileSync(path);
    for (const line of read) expect(bytes.subarray(line.offset, line.offset + line.bytes).toString("utf8")).toBe(line.text);
  });

  it("puts a run's records in dataset order, other ids after, and leaves an ordered file untouched", async () => {
    const path = join(dir(), "predictions.jsonl");
    const record = (id: string) => ({ id, v: id.repeat(3) });
    writeFileSync(path, jsonl(["c", "zzz", "a", "d", "b"].map(record)));
    await orderTaskFile(path, ["a", "b", "c", "d", "e"]);
    expect(readFileSync(path, "utf8")).toBe(jsonl(["a", "b", "c", "d", "zzz"].map(record)));
    const inode = statSync(path).ino;
    await orderTaskFile(path, ["a", "b", "c", "d", "e"]);
    expect(statSync(path).ino).toBe(inode);
    expect(readFileSync(path, "utf8")).toBe(jsonl(["a", "b", "c", "d", "zzz"].map(record)));
  });

  it("run records are bounded like the records a run returned before (older files may hold longer texts)", async () => {
    const [record] = variedRecords(1);
    const path = join(dir(), "predictions.jsonl");
    writeFileSync(path, jsonl([{ ...record, question: "q".repeat(40_000) }]));
    const [read] = await collect(runRecords(path, 1));
    expect((read as EvalRecord).question).toMatch(/…\[truncated \d+ chars\]$/);
  });
});
