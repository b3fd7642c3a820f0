/** The ScienceQA loader (LLaVA's test_CQM-A.json and the captions) and its metric. */
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DatasetFormatError } from "../../src/datasets/format.js";
import { loadScienceQa, type ScienceQaEnvironment } from "../../src/datasets/scienceqa.js";
import { getDataset } from "../../src/eval/benchmarks.js";
import { EvaluationSetupError, loadItems } from "../../src/eval/evaluate.js";
import { scienceQaAccuracy } from "../../src/eval/metrics/scienceqa.js";
import type { DatasetItem } from "../../src/datasets/types.js";
import { FIXTURES_DIR, itWithFullData } from "../helpers/datasets.js";

const FILE = "scienceqa/test_CQM-A.json";
const CAPTIONS = "scienceqa/captions.json";

/** A data directory holding these ScienceQA rows (and captions). */
function dataDirWith(rows: unknown, captions: unknown = { model: "m", captions: {} }): string {
  const dir = mkdtempSync(join(tmpdir(), "lumos-sqa-"));
  mkdirSync(join(dir, "scienceqa"));
  writeFileSync(join(dir, FILE), typeof rows === "string" ? rows : JSON.stringify(rows));
  if (captions !== null) writeFileSync(join(dir, CAPTIONS), typeof captions === "string" ? captions : JSON.stringify(captions));
  return dir;
}

const row = (id: string, human: string, gold: string, image?: string) => ({
  id,
  ...(image ? { image } : {}),
  conversations: [
    { from: "human", value: human },
    { from: "gpt", value: gold },
  ],
});

describe("ScienceQA loader", () => {
  it("reads the sample: task text without the <image> marker, gold letter, category, image and caption", async () => {
    const items = await loadScienceQa(FIXTURES_DIR);
    expect(items).toHaveLength(100);
    expect(items.filter((i) => i.category === "image")).toHaveLength(48);
    const [first, second] = items;
    expect(first).toMatchObject({ id: "scienceqa-4", gold: "B", category: "no-image" });
    expect(first.question).toBe("Which figure of speech is used in this text?\nSing, O goddess, the anger of Achilles son of Peleus, that brought countless ills upon the Achaeans.\n—Homer, The Iliad\nA. chiasmus\nB. apostrophe");
    expect(first.environment).toBeUndefined();
    expect(second.id).toBe("scienceqa-5");
    expect(second.category).toBe("image");
    expect(second.question.startsWith("Context: People can use the engineering-design process")).toBe(true);
    expect(second.question.endsWith("C. whether a parachute with a 1 m vent would swing too much at 400 km per hour")).toBe(true);
    const captions = JSON.parse(readFileSync(join(FIXTURES_DIR, CAPTIONS), "utf8")) as { captions: Record<string, string> };
    expect(second.environment).toEqual({ image: "5/image.png", caption: captions.captions["5"] } satisfies ScienceQaEnvironment);
    expect(items.every((i) => i.category !== "image" || (i.environment as ScienceQaEnvironment).caption !== undefined)).toBe(true);
    expect(items.every((i) => !i.question.includes("<image>"))).toBe(true);
    // the raw row is kept
    expect((second.source as { image: string }).image).toBe("5/image.png");
  });

  it("paper subset: the questions with an image", async () => {
    const spec = getDataset("scienceqa");
    expect(spec.domain).toBe("multimodal");
    expect(spec.unavailable).toBeUndefined();
    const items = await spec.load(FIXTURES_DIR);
    const paper = spec.paperSubset(items);
    expect(paper).toHaveLength(48);
    expect(paper.every((i) => i.environment !== undefined)).toBe(true);
  });

  it("an image without a caption keeps only the image", async () => {
    const dir = dataDirWith([row("7", "<image>\nWhich is it?\nA. x\nB. y", "A", "7/image.png")]);
    const [item] = await loadScienceQa(dir);
    expect(item.environment).toEqual({ image: "7/image.png" });
  });

  it("names the file and item of a bad row", async () => {
    const cases: [unknown, RegExp][] = [
      [[row("1", "Q?\nA. x\nB. y", "A"), row("2", "Q?\nA. x\nB. y", "C")], /test_CQM-A\.json item 1: field "conversations\.1\.value": should be the letter of one of the 2 options, got "C"/],
      [[row("1", "Q? no options", "A")], /item 0: field "conversations\.0\.value": has no lettered options/],
      [[{ id: "1", conversations: [{ from: "human", value: "Q?\nA. x\nB. y" }] }], /item 0: field "conversations": /],
      [[{ ...row("1", "Q?\nA. x\nB. y", "A"), id: 1 }], /item 0: field "id" should be string, got a number \(1\)/],
      [[{ id: "1", conversations: [{ from: "gpt", value: "Q?\nA. x\nB. y" }, { from: "human", value: "A" }] }], /the first turn should be "human"/],
      ["[]", /the array is empty/],
    ];
    for (const [rows, message] of cases) {
      const load = loadScienceQa(dataDirWith(rows));
      await expect(load).rejects.toBeInstanceOf(DatasetFormatError);
      await expect(loadScienceQa(dataDirWith(rows))).rejects.toThrow(message);
    }
    await expect(loadScienceQa(dataDirWith([row("1", "Q?\nA. x\nB. y", "A")], { captions: { "1": 5 } }))).rejects.toThrow(/captions\.json: field "captions\.1" should be string, got a number/);
    await expect(loadScienceQa(dataDirWith([row("1", "Q?\nA. x\nB. y", "A")], "{"))).rejects.toThrow(/captions\.json is not JSON/);
  });

  it("says to pull the data when the captions file is missing", async () => {
    const dir = dataDirWith([row("1", "Q?\nA. x\nB. y", "A")], null);
    await expect(loadItems(getDataset("scienceqa"), dir)).rejects.toBeInstanceOf(EvaluationSetupError);
    await expect(loadItems(getDataset("scienceqa"), dir)).rejects.toThrow(/lumos data pull scienceqa/);
  });

  itWithFullData([FILE, CAPTIONS], "reads all 4,241 test questions, 2,017 with an image and a caption", async (dataDir) => {
    const items = await loadScienceQa(dataDir);
    expect(items).toHaveLength(4241);
    const withImage = items.filter((i) => i.category === "image");
    expect(withImage).toHaveLength(2017);
    expect(withImage.every((i) => typeof (i.environment as ScienceQaEnvironment).caption === "string")).toBe(true);
    expect(getDataset("scienceqa").paperSubset(items)).toHaveLength(2017);
  });
});

describe("ScienceQA metric", () => {
  const item: DatasetItem = { id: "scienceqa-x", question: "Context: c\nWhich?\nA. chiasmus\nB. apostrophe", gold: "B", source: {} };
  const score = (prediction: string | null, gold = "B", it = item) => scienceQaAccuracy.score(prediction, gold, { item: it });

  it("reports LLaVA's accuracy and our robust accuracy", () => {
    expect(score("B")).toEqual({ accuracy: 1, robustAccuracy: 1 });
    expect(score("The answer is B.")).toEqual({ accuracy: 1, robustAccuracy: 1 });
    expect(score("The answer is B")).toEqual({ accuracy: 0, robustAccuracy: 1 });
    expect(score("apostrophe")).toEqual({ accuracy: 0, robustAccuracy: 1 });
    expect(score("(b)")).toEqual({ accuracy: 0, robustAccuracy: 1 });
    expect(score("B is the run-on sentence.")).toEqual({ accuracy: 0, robustAccuracy: 1 });
    expect(score("A")).toEqual({ accuracy: 0, robustAccuracy: 0 });
    // only the capitalised phrase counts for LLaVA; we see two different letters and name none
    expect(score("Because of this, the answer is A. The answer is B!")).toEqual({ accuracy: 1, robustAccuracy: 0 });
    expect(score(null)).toEqual({ accuracy: 0, robustAccuracy: 0 });
  });

  it("counts a letter outside the options as wrong", () => {
    const three: DatasetItem = { ...item, question: "Which?\nA. x\nB. y\nC. z" };
    expect(score("C", "C", three)).toEqual({ accuracy: 1, robustAccuracy: 1 });
    expect(score("C", "C")).toEqual({ accuracy: 0, robustAccuracy: 0 });
  });

  it("needs the task", () => {
    expect(() => scienceQaAccuracy.score("B", "B")).toThrow(/needs the task/);
  });
});
