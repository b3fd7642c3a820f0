/** Lettered options in task texts, LLaVA's ScienceQA answer parser, and our robust answer-to-option mapping. */
import { describe, expect, it } from "vitest";
import { formatLetteredOptions, letterIndex, optionLetter, parseLetteredOptions } from "../../src/datasets/multipleChoice.js";
import { mapAnswerToOption, normalizeOptionText } from "../../src/multimodal/optionAnswer.js";
import { answerToLetter, llavaCorrect, llavaParsedAnswer } from "../../src/eval/metrics/scienceqa.js";

describe("lettered options", () => {
  it("formats choices as A. / B. lines and parses them back", () => {
    const text = `What sport is being played?\n${formatLetteredOptions(["tennis", "baseball", "cricket"])}`;
    expect(text).toBe("What sport is being played?\nA. tennis\nB. baseball\nC. cricket");
    expect(parseLetteredOptions(text)).toEqual({ stem: "What sport is being played?", options: ["tennis", "baseball", "cricket"] });
    expect(optionLetter(4)).toBe("E");
    expect(letterIndex("C")).toBe(2);
    expect(letterIndex("c")).toBe(-1);
    expect(letterIndex("AB")).toBe(-1);
  });

  it("keeps options that run over several lines (ScienceQA's letter closings and poems)", () => {
    // ScienceQA test item 512, as in the LLaVA-format file
    const text = "Which closing is correct for a letter?\nA. See you soon,\nJanet\nB. See You Soon,\nJanet";
    expect(parseLetteredOptions(text)).toEqual({ stem: "Which closing is correct for a letter?", options: ["See you soon,\nJanet", "See You Soon,\nJanet"] });
  });

  it("finds no options in a text without two lettered lines in order", () => {
    expect(parseLetteredOptions("What is 2 + 2?")).toBeNull();
    expect(parseLetteredOptions("Pick one\nA. only one option")).toBeNull();
    expect(parseLetteredOptions("Pick\nB. x\nA. y")).toBeNull();
  });
});

describe("LLaVA's ScienceQA answer parser (eval_science_qa.py)", () => {
  // cases from the comparison with the official script on perturbed predictions
  const cases: [string | null, string][] = [
    ["B", "B"],
    ["b", "FAILED"], // lower case is no option
    [" B", "FAILED"], // nothing is trimmed
    ["B.", "FAILED"], // "X. " needs the space (and 3 characters)
    ["B. ", "B"],
    ["B. apostrophe", "B"],
    ["B. chiasmus", "B"], // the letter decides, whatever text follows
    ["B.apostrophe", "FAILED"],
    ["(B)", "FAILED"],
    ["The answer is B.", "B"],
    ["The answer is B", "FAILED"], // the pattern needs one more character after the letter
    ["The answer is B\n", "FAILED"], // ... and Python's "." is not a newline
    ["The answer is B\r", "B"], // ... but is a carriage return
    ["The answer is B\u{1F600}", "B"],
    ["The answer is (B).", "FAILED"],
    ["the answer is B.", "FAILED"], // case-sensitive
    ["The answer is A. The answer is B.", "FAILED"], // two matches
    ["Because of this, the answer is A. The answer is B!", "B"], // only the capitalised phrase counts
    ["The answer is F.", "F"], // parsed, but no option: wrong
    ["Answer: B", "FAILED"],
    ["apostrophe", "FAILED"],
    ["", "FAILED"],
    [null, "FAILED"],
  ];
  it.each(cases)("%j → %s", (prediction, parsed) => {
    expect(llavaParsedAnswer(prediction)).toBe(parsed);
  });

  it("counts a letter outside the item's options as wrong", () => {
    expect(llavaCorrect("B", "B", 2)).toBe(true);
    expect(llavaCorrect("C", "C", 2)).toBe(false);
    expect(llavaCorrect("E", "E", 5)).toBe(true);
    expect(llavaCorrect("The answer is F.", "A", 5)).toBe(false);
  });
});

describe("robust answer-to-option mapping", () => {
  const options = ["chiasmus", "apostrophe", "not true", "true"];
  const cases: [string | null, number | null][] = [
    ["B", 1],
    ["b", 1],
    ["(B)", 1],
    ["(b)", 1],
    ["B.", 1],
    ["B)", 1],
    ["B:", 1],
    ["Option B", 1],
    ["choice (b).", 1],
    ["E", null], // a letter outside the options names nothing
    ["B. apostrophe", 1],
    ["(B) apostrophe", 1],
    ["B) chiasmus", 1], // the letter decides
    ["B is the answer.", 1],
    ["The answer is B", 1],
    ["The answer is B.", 1],
    ["the answer is (b)", 1],
    ["Answer: B", 1],
    ["answer: (b)", 1],
    ["The answer is a chiasmus", 0], // a lower-case "a" is an article, not a letter
    ["The answer is A. No, the answer is B.", null], // two different letters
    ["The answer is B. Yes, the answer is B.", 1],
    ["apostrophe", 1],
    ["Apostrophe!", 1],
    ["  APOSTROPHE ", 1],
    ["It uses an apostrophe.", 1],
    ["It is not true.", 2], // "true" is inside the longer "not true"
    ["true", 3],
    ["chiasmus or apostrophe", null],
    ["I don't know", null],
    ["", null],
    [null, null],
  ];
  it.each(cases)("%j → %j", (answer, index) => {
    expect(mapAnswerToOption(answer, options)).toBe(index);
  });

  it("reads a bare letter as a letter even when it is another option's text (ScienceQA item 20470)", () => {
    const map = ["B", "C", "D", "A"]; // "Which letter marks ancient Egypt?", gold D ("A")
    expect(answerToLetter("A", map)).toBe("A");
    expect(answerToLetter("The answer is D.", map)).toBe("D");
  });

  it("maps nothing when options differ only in case (genotypes)", () => {
    const genotypes = ["FF", "Ff", "ff"];
    expect(mapAnswerToOption("Ff", genotypes)).toBe(1); // exact text first
    expect(mapAnswerToOption("ff.", genotypes)).toBeNull(); // ignoring case, all three are equal
  });

  it("normalises case, punctuation and spacing", () => {
    expect(normalizeOptionText("  Both are\nchemical changes. ")).toBe("both are chemical changes");
    expect(normalizeOptionText("45°C")).toBe("45 c");
  });
});
