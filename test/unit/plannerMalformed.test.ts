/** Planner output that is neither a subgoal nor the stop phrase ends the run as malformed output, at once. */
import { describe, expect, it } from "vitest";
import { createLumosGraph } from "../../src/graph/build.js";
import { ScriptedLLM } from "../helpers/scriptedLLM.js";

describe("malformed planner output", () => {
  for (const [formulation, line] of [
    ["iterative", "lorem ipsum dolor sit amet"],
    ["iterative", "R1 = Calculator(2 + 2)"],
    ["onetime", "lorem ipsum"],
    ["onetime", "Yes, I will stop planning."],
  ] as const) {
    it(`${formulation}: "${line}" is recorded as malformed_output without looping`, async () => {
      const planner = new ScriptedLLM(() => line);
      const grounder = new ScriptedLLM(() => "R1 = Calculator(1 + 1)");
      const out = await createLumosGraph({ planner, grounder, formulation }).invoke({ task: "What is 1 + 1?" });
      expect(out.stopReason).toBe("malformed_output");
      expect(out.errors[0]).toMatchObject({ kind: "malformed_plan", module: "planner", input: line });
      expect(planner.prompts).toHaveLength(1);
      expect(grounder.prompts).toHaveLength(0);
      expect(out.answer).toBeNull();
    });
  }
});
