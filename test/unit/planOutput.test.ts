/**
 * Planner-line classification: what the released checkpoints write (LUMOS-PROTOCOL §3, the demonstrations,
 * and the gold programs of GSM8K and SVAMP in both formulations) stays valid with exactly the subgoal texts
 * the planner node used before; chatter and action lines are malformed.
 */
import { describe, expect, it } from "vitest";
import { programOutputs } from "../../src/programs/goldProgram.js";
import { getDataset } from "../../src/eval/benchmarks.js";
import { mathsDemonstrations } from "../../src/domains/maths/demonstrations.js";
import { qaDemonstrations } from "../../src/domains/qa/demonstrations.js";
import type { Formulation } from "../../src/domains/types.js";
import { KEEP_PLANNING, STOP_PLANNING } from "../../src/protocol/constants.js";
import { parsePlannerOutput, splitPlanLine, startsWithSubgoal, subgoalLabelEnd } from "../../src/protocol/planOutput.js";
import { pyStrip } from "../../src/protocol/pythonStrip.js";
import { FIXTURES_DIR } from "../helpers/datasets.js";

/** The planner node's reading of a (stripped, non-empty) line before parsePlannerOutput existed. */
function previousReading(line: string, formulation: Formulation): { kind: "stop" } | { kind: "subgoals"; texts: string[] } {
  if (formulation === "iterative" && line.includes(STOP_PLANNING)) return { kind: "stop" };
  const texts =
    formulation === "onetime"
      ? line.split(/;\s*(?=Subgoal\s*\d+\s*:)/).map(pyStrip).filter((s) => s !== "")
      : [pyStrip(line.split(KEEP_PLANNING).pop() ?? line)];
  return { kind: "subgoals", texts };
}

function expectValidAsBefore(line: string, formulation: Formulation) {
  const parsed = parsePlannerOutput(line, formulation);
  expect(parsed, line).toEqual(previousReading(pyStrip(line), formulation));
}

describe("parsePlannerOutput", () => {
  it("reads the Lumos-I lines of the protocol", () => {
    expect(parsePlannerOutput("Subgoal 1: Calculate the total.", "iterative")).toEqual({ kind: "subgoals", texts: ["Subgoal 1: Calculate the total."] });
    expect(parsePlannerOutput("No, I will keep planning. Subgoal 2: Find x.", "iterative")).toEqual({ kind: "subgoals", texts: ["Subgoal 2: Find x."] });
    expect(parsePlannerOutput("No, I will keep planning.Subgoal 2: Find x.", "iterative")).toEqual({ kind: "subgoals", texts: ["Subgoal 2: Find x."] });
    expect(parsePlannerOutput("Yes, I will stop planning.", "iterative")).toEqual({ kind: "stop" });
    // the stop phrase wins wherever it is, as the reference checked it
    expect(parsePlannerOutput("Subgoal 3: x. Yes, I will stop planning", "iterative")).toEqual({ kind: "stop" });
    expect(parsePlannerOutput("  Subgoal 2 : Find x. \n", "iterative")).toEqual({ kind: "subgoals", texts: ["Subgoal 2 : Find x."] });
    expect(parsePlannerOutput("No, I will keep planning. No, I will keep planning. Subgoal 2: x", "iterative")).toEqual({ kind: "subgoals", texts: ["Subgoal 2: x"] });
  });

  it("reads Lumos-O plan lines", () => {
    expect(parsePlannerOutput("Subgoal 1: Find the total pencils.; Subgoal 2: Share them. ", "onetime")).toEqual({
      kind: "subgoals",
      texts: ["Subgoal 1: Find the total pencils.", "Subgoal 2: Share them."],
    });
    expect(parsePlannerOutput("Subgoal 1: a; b; Subgoal 2: c", "onetime")).toEqual({ kind: "subgoals", texts: ["Subgoal 1: a; b", "Subgoal 2: c"] });
    expect(parsePlannerOutput("Yes, I will stop planning.", "onetime")).toEqual({ kind: "stop" });
  });

  it("tells empty lines from malformed ones", () => {
    expect(parsePlannerOutput("", "iterative")).toEqual({ kind: "empty" });
    expect(parsePlannerOutput(" \u3000\u0085", "onetime")).toEqual({ kind: "empty" });
    for (const line of ["R1 = Calculator(2 + 3)", "Sure! Subgoal 1: x", "Subgoal: x", "Subgoal one: x", "Subgoal 1 x", "No, I will keep planning.", "I think we are done."]) {
      for (const formulation of ["iterative", "onetime"] as const) {
        const parsed = parsePlannerOutput(line, formulation);
        expect(parsed.kind, `${formulation}: ${line}`).toBe("malformed");
        if (parsed.kind === "malformed") expect(parsed.reason).toContain(JSON.stringify(line).slice(1, -1));
      }
    }
    const long = parsePlannerOutput("x".repeat(100_000), "iterative");
    expect(long.kind === "malformed" && long.reason.length).toBeLessThan(400);
  });

  it("finds subgoal labels without a regex", () => {
    expect(subgoalLabelEnd("Subgoal 12: x", 0)).toBe(11);
    expect(subgoalLabelEnd("xSubgoal\u00a012\t: x", 1)).toBe(13);
    expect(subgoalLabelEnd("Subgoal : x", 0)).toBe(-1);
    expect(startsWithSubgoal("No, I will keep planning.  Subgoal 3: y")).toBe(true);
    expect(splitPlanLine("; Subgoal 1: a;\u00a0Subgoal 2: b;\u001cSubgoal 3: c")).toEqual(["Subgoal 1: a", "Subgoal 2: b;\u001cSubgoal 3: c"]);
  });

  it("keeps every planner line of the demonstrations valid, with the same texts", () => {
    for (const demonstrations of [mathsDemonstrations, qaDemonstrations]) {
      for (const formulation of ["iterative", "onetime"] as const) {
        const lines = demonstrations.planner[formulation].filter((t) => t.role === "assistant").map((t) => t.content);
        expect(lines.length).toBeGreaterThan(0);
        for (const line of lines) expectValidAsBefore(line, formulation);
      }
    }
  });

  it("keeps every gold planner line of GSM8K and SVAMP valid, with the same texts", async () => {
    for (const name of ["gsm8k", "svamp"]) {
      const spec = getDataset(name);
      const items = (await spec.load(FIXTURES_DIR)).slice(0, 400);
      const programs = [...spec.goldPrograms!(items, FIXTURES_DIR)];
      let lines = 0;
      for (const program of programs) {
        for (const formulation of ["iterative", "onetime"] as const) {
          for (const line of programOutputs(program, "planner", formulation)) {
            expectValidAsBefore(line, formulation);
            lines++;
          }
        }
      }
      // the committed samples hold 100 items per dataset: every program line of them is checked
      expect(lines).toBeGreaterThan(200);
    }
  });
});
