import { describe, expect, it } from "vitest";
import { ScriptedLLM as FakeListLLM } from "./helpers/scriptedLLM.js";
import { createLumosGraph } from "../src/graph/build.js";

describe("smoke", () => {
  it("runs", async () => {
    const planner = new FakeListLLM(["Subgoal 1: Calculate the remaining eggs.", "No, I will keep planning. Subgoal 2: Calculate the money.", "Yes, I will stop planning."]);
    const grounder = new FakeListLLM(["R1 = Calculator(16 - 3 - 4)", "R2 = Calculator(R1 * 2)"]);
    const graph = createLumosGraph({ planner, grounder });
    const out = await graph.invoke({ task: "Janet's ducks lay 16 eggs..." });
    console.log(JSON.stringify(out, null, 1).slice(0, 3000));
    console.log(graph.getGraph().drawMermaid());
    expect(out.answer).toBe("18");
  });
});
