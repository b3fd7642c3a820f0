import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { firstLine, renderLumosPrompt, renderLumosTraining } from "../../src/protocol/chatTemplate.js";
import { GROUND_HEAD, MATHS_ACTIONS, PLAN_INSTRUCTION, QA_ACTIONS } from "../../src/protocol/constants.js";
import { pyStrip } from "../../src/protocol/pythonStrip.js";
import { alreadyDoneTurn, executedResultTurn, groundFirstTurn, groundNextTurn, groundOnetimeTurn, planFirstTurn, withoutKeepPlanning } from "../../src/protocol/turns.js";

describe("chat template", () => {
  it("renders inference prompts that end with the open assistant header", () => {
    expect(
      renderLumosPrompt([
        { role: "user", content: "u1" },
        { role: "assistant", content: "a1" },
        { role: "user", content: "u2" },
      ]),
    ).toBe("<|user|>\nu1\n<|assistant|>\na1\n\n<|user|>\nu2\n<|assistant|>\n");
    expect(() => renderLumosPrompt([{ role: "assistant", content: "a" }])).toThrow(/must end with a user turn/);
  });

  it("renders training text with </s> after assistant turns", () => {
    expect(renderLumosTraining([{ role: "user", content: "u" }, { role: "assistant", content: "a" }])).toBe("<|user|>\nu\n<|assistant|>\na</s>\n");
  });

  it("cuts completions at the first newline", () => {
    expect(firstLine("R1 = Calculator(2)\nR2 = ...")).toBe("R1 = Calculator(2)");
    expect(firstLine("\nlate")).toBe("");
  });
});

describe("protocol turns", () => {
  it("match the constants byte for byte", () => {
    expect(PLAN_INSTRUCTION).toBe("Please provide a reasonable subgoal-based plan to solve the given task.\n");
    expect(GROUND_HEAD.endsWith("available action list.\n\n")).toBe(true);
    expect(QA_ACTIONS.match(/Calculator\(formula\): Calculate the input formula;/g)).toHaveLength(2);
    expect(planFirstTurn("  2 + 2?\n")).toBe(`${PLAN_INSTRUCTION}Task: 2 + 2?; Initial Environment Description: None.`);
    expect(groundFirstTurn(MATHS_ACTIONS, " t ", "Subgoal 1: x")).toBe(`${GROUND_HEAD}${MATHS_ACTIONS}Task: t \nSubgoal to be grounded: Subgoal 1: x`);
    expect(groundNextTurn("Subgoal 2: y", " suffix")).toBe("Subgoal to be grounded: Subgoal 2: y suffix");
    expect(groundOnetimeTurn(MATHS_ACTIONS, "t", "p")).toBe(`${GROUND_HEAD}${MATHS_ACTIONS}Task: t \nSubgoals to be grounded: p`);
    expect(executedResultTurn(2, "9")).toBe("The executed result for Subgoal 2 is 9. Should we stop planning?");
    expect(alreadyDoneTurn("Click the search button.")).toBe("We have already click the search button. Should we stop planning?");
    expect(withoutKeepPlanning("No, I will keep planning. Subgoal 2: Find x.")).toBe("Subgoal 2: Find x.");
  });
});

describe("pyStrip", () => {
  it("strips exactly what Python's str.strip() strips", () => {
    const samples = ["  a b \n", "\u001c x \u0085", "\ufeffx\ufeff", "\u00a0\u3000y\u2028", "\t\r\nz\u000b\u000c"];
    const python = JSON.parse(
      execFileSync("python3", ["-c", "import json,sys; print(json.dumps([s.strip() for s in json.load(sys.stdin)]))"], { input: JSON.stringify(samples), encoding: "utf8" }),
    );
    expect(samples.map(pyStrip)).toEqual(python);
  });
});
