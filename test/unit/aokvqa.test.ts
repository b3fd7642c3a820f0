/**
 * The A-OKVQA loader (official format) and its metrics, on the hand-made items of
 * test/fixtures/datasets/aokvqa/aokvqa_v1p0_val.json. Expected values were computed with the official
 * `eval_aokvqa` (allenai/aokvqa evaluation/eval_predictions.py) on the same items and predictions.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { aokvqaTaskText, cocoImagePath, loadAokvqa, parseLetteredOptions } from "../../src/datasets/aokvqa.js";
import { DatasetFormatError } from "../../src/datasets/format.js";
import { getDataset } from "../../src/eval/benchmarks.js";
import { aokvqaAccuracy, directAnswerAccuracy, predictedChoice } from "../../src/eval/metrics/aokvqa.js";
import { FIXTURES_DIR } from "../helpers/datasets.js";

/** The hand-made items' predictions and what the official script gives for each (MC, DA; null: excluded). */
const AOKVQA_CASES: { prediction: string; mcStrict: number; mc: number; da: number | null }[] = [
  { prediction: "winter", mcStrict: 1, mc: 1, da: 1 },
  { prediction: "B", mcStrict: 0, mc: 1, da: 0 }, // a letter: our mapping reads choice B
  { prediction: "It is a service dog.", mcStrict: 0, mc: 1, da: null }, // difficult: no direct-answer score
  { prediction: "Tennis", mcStrict: 0, mc: 1, da: 0 }, // no normalisation officially
  { prediction: "wooden", mcStrict: 0, mc: 0, da: 1 }, // "wood" is not a word of "wooden"
  { prediction: "open", mcStrict: 0, mc: 0, da: 1 },
  { prediction: "three", mcStrict: 0, mc: 0, da: 1 },
  { prediction: "Red", mcStrict: 1, mc: 1, da: 1 / 3 }, // nine annotators wrote "red", one "Red"
];

describe("A-OKVQA loader", () => {
  it("reads the official format: task text with lettered choices, gold choice text, COCO image", async () => {
    const items = await loadAokvqa(FIXTURES_DIR);
    expect(items).toHaveLength(8);
    expect(items[0]).toMatchObject({
      id: "aokvqa-handmade00000000000001",
      question: "What season is it most likely to be in this picture?\nA. summer\nB. winter\nC. spring\nD. fall",
      gold: "winter",
      environment: { image: "val2017/000000397133.jpg" },
    });
    expect(items[6].environment).toEqual({ image: "val2017/000000006818.jpg" });
    expect(parseLetteredOptions(items[1].question)?.options).toEqual(["washing dishes", "cooling food", "baking bread", "boiling water"]);
    expect((items[2].source as { difficult_direct_answer: boolean }).difficult_direct_answer).toBe(true);
    const spec = getDataset("aokvqa");
    expect(spec.domain).toBe("multimodal");
    expect(spec.paperSubset(items)).toHaveLength(8);
  });

  it("builds paths and task texts as the official helpers", () => {
    expect(cocoImagePath("val", 299207)).toBe("val2017/000000299207.jpg");
    expect(aokvqaTaskText({ question: "Q?", choices: ["a", "b"] })).toBe("Q?\nA. a\nB. b");
  });

  it("names the file and item of a bad row", async () => {
    const good = { split: "val", image_id: 1, question_id: "q1", question: "Q?", choices: ["a", "b"], correct_choice_idx: 0, direct_answers: ["a"], difficult_direct_answer: false, rationales: [] };
    const cases: [unknown[], RegExp][] = [
      [[good, { ...good, correct_choice_idx: 2 }], /aokvqa_v1p0_val\.json item 1: field "correct_choice_idx": should index one of the 2 choices, got 2/],
      [[{ ...good, choices: undefined }], /item 0: missing field "choices"/],
      [[{ ...good, image_id: "1" }], /item 0: field "image_id" should be number/],
      [[{ ...good, difficult_direct_answer: "no" }], /item 0: field "difficult_direct_answer" should be boolean/],
    ];
    for (const [rows, message] of cases) {
      const dir = mkdtempSync(join(tmpdir(), "lumos-aokvqa-"));
      mkdirSync(join(dir, "aokvqa"));
      writeFileSync(join(dir, "aokvqa", "aokvqa_v1p0_val.json"), JSON.stringify(rows));
      await expect(loadAokvqa(dir)).rejects.toBeInstanceOf(DatasetFormatError);
      await expect(loadAokvqa(dir)).rejects.toThrow(message);
    }
  });
});

describe("A-OKVQA metrics", () => {
  it("scores each hand-made item as the official script does, and leaves difficult items out of DA", async () => {
    const items = await loadAokvqa(FIXTURES_DIR);
    items.forEach((item, i) => {
      const { prediction, mcStrict, mc, da } = AOKVQA_CASES[i];
      const scores = aokvqaAccuracy.score(prediction, item.gold, { item }) as Record<string, number>;
      expect(scores.mcAccuracyStrict, prediction).toBe(mcStrict);
      expect(scores.mcAccuracy, prediction).toBe(mc);
      if (da === null) expect(scores).not.toHaveProperty("daAccuracy");
      else expect(scores.daAccuracy, prediction).toBeCloseTo(da, 12);
    });
  });

  it("a missing prediction scores 0 everywhere it is scored", async () => {
    const [item] = await loadAokvqa(FIXTURES_DIR);
    expect(aokvqaAccuracy.score(null, item.gold, { item })).toEqual({ mcAccuracy: 0, mcAccuracyStrict: 0, daAccuracy: 0 });
  });

  it("direct-answer accuracy: min(1, matches / 3), exact strings", () => {
    const answers = ["cab", "cab", "taxi", "Cab", "cab ", "bus", "bus", "bus", "bus", "taxi"];
    expect(directAnswerAccuracy("cab", answers)).toBeCloseTo(2 / 3, 12);
    expect(directAnswerAccuracy("bus", answers)).toBe(1);
    expect(directAnswerAccuracy("taxi", answers)).toBeCloseTo(2 / 3, 12);
    expect(directAnswerAccuracy("Taxi", answers)).toBe(0);
  });

  it("maps letters and texts to choices before comparing (mcAccuracy)", () => {
    const choices = ["skateboarder", "train", "delivery", "cab"];
    expect(predictedChoice("cab", choices)).toBe("cab");
    expect(predictedChoice("D", choices)).toBe("cab");
    expect(predictedChoice("The answer is (d).", choices)).toBe("cab");
    expect(predictedChoice("He is waiting for a cab.", choices)).toBe("cab");
    expect(predictedChoice("a taxi", choices)).toBeNull();
    expect(predictedChoice(null, choices)).toBeNull();
  });
});
