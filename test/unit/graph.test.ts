import { describe, expect, it } from "vitest";
import { FakeListChatModel } from "@langchain/core/utils/testing";
import { createLumosGraph } from "../../src/graph/build.js";
import { ScriptedLLM } from "../helpers/scriptedLLM.js";

const TASK = "A farmer has 16 eggs, uses 3 and sells the rest for $2 each. How much does he earn?";

function iterativeGraph(plan: string[], ground: string[], extra: Record<string, unknown> = {}) {
  const planner = new ScriptedLLM(plan);
  const grounder = new ScriptedLLM(ground);
  return { graph: createLumosGraph({ planner, grounder, ...extra }), planner, grounder };
}

describe("graph structure", () => {
  it("has the planner, grounder and executor nodes with the Lumos-I loop, every end through finish", () => {
    const { graph } = iterativeGraph([], []);
    const drawn = graph.getGraph();
    expect(Object.keys(drawn.nodes).sort()).toEqual(["__end__", "__start__", "executor", "finish", "grounder", "planner"]);
    const edges = drawn.edges.map((e) => `${e.source}->${e.target}${e.conditional ? "?" : ""}`).sort();
    expect(edges).toEqual(
      ["__start__->planner", "executor->finish?", "executor->planner?", "finish->__end__", "grounder->finish?", "grounder->executor?", "planner->finish?", "planner->grounder?"].sort(),
    );
  });

  it("has a review node between grounder and executor only when review is on", () => {
    const nodes = (review: boolean) => Object.keys(createLumosGraph({ planner: new ScriptedLLM([]), grounder: new ScriptedLLM([]), review }).getGraph().nodes);
    expect(nodes(false)).not.toContain("review");
    expect(nodes(true)).toContain("review");
    const edges = createLumosGraph({ planner: new ScriptedLLM([]), grounder: new ScriptedLLM([]), review: true })
      .getGraph()
      .edges.map((e) => `${e.source}->${e.target}`);
    expect(edges).toEqual(expect.arrayContaining(["grounder->review", "review->executor", "review->finish"]));
    expect(edges).not.toContain("grounder->executor");
  });
});

describe("Lumos-I", () => {
  it("plans, grounds and executes until the planner stops", async () => {
    const { graph, planner, grounder } = iterativeGraph(
      ["Subgoal 1: Calculate the eggs left.", "No, I will keep planning. Subgoal 2: Calculate the earnings.", "Yes, I will stop planning."],
      ["R1 = Calculator(16 - 3)", "R2 = Calculator(R1 * 2)"],
    );
    const out = await graph.invoke({ task: TASK });
    expect(out.answer).toBe("26");
    expect(out.stopReason).toBe("planner_stop");
    expect(out.results).toEqual({ R1: "13", R2: "26" });
    expect(out.actions.map((a) => a.logged)).toEqual(["R1 = Calculator(16 - 3) = 13", "R2 = Calculator(R1 * 2) = 26"]);
    expect(out.transcripts.map((t) => t.module)).toEqual(["planner", "grounder", "planner", "grounder", "planner"]);
    expect(planner.stops.every((s) => s?.[0] === "\n")).toBe(true);
    expect(grounder.prompts[1].endsWith("Subgoal to be grounded: No, I will keep planning. Subgoal 2: Calculate the earnings.\n<|assistant|>\n")).toBe(true);
  });

  it("ends cleanly at the round limit with the answer so far", async () => {
    const plan = Array.from({ length: 10 }, (_, i) => (i === 0 ? "Subgoal 1: Add one." : `No, I will keep planning. Subgoal ${i + 1}: Add one.`));
    const ground = Array.from({ length: 10 }, (_, i) => (i === 0 ? "R1 = Calculator(1)" : `R${i + 1} = Calculator(R${i} + 1)`));
    const { graph } = iterativeGraph(plan, ground, { maxRounds: 3 });
    const out = await graph.invoke({ task: TASK });
    expect(out.stopReason).toBe("max_rounds");
    expect(out.round).toBe(3);
    expect(out.answer).toBe("3");
  });

  it("allows long runs without LangGraph's recursion limit getting in the way", async () => {
    const plan = [...Array.from({ length: 12 }, (_, i) => (i === 0 ? "Subgoal 1: Add one." : `No, I will keep planning. Subgoal ${i + 1}: Add one.`)), "Yes, I will stop planning."];
    const ground = Array.from({ length: 12 }, (_, i) => (i === 0 ? "R1 = Calculator(1)" : `R${i + 1} = Calculator(R${i} + 1)`));
    const { graph } = iterativeGraph(plan, ground, { maxRounds: 20 });
    const out = await graph.invoke({ task: TASK });
    expect(out).toMatchObject({ stopReason: "planner_stop", answer: "12", round: 13 });
  });

  const malformed: [string, string, string][] = [
    ["unknown action", "R1 = Teleport(3)", "unknown_tool"],
    ["unbalanced parentheses", "R1 = Calculator((16 - 3)", "malformed_action"],
    ["undefined variable", "R1 = Calculator(R7 * 2)", "undefined_variable"],
    ["empty line", "", "malformed_action"],
    ["garbage", "I think the answer is probably 26!!", "malformed_action"],
    ["a failing tool", "R1 = Calculator(3 +* 4)", "tool_error"],
    ["a wrong number of results", "R1, R2 = Calculator(3 + 4)", "tool_error"],
  ];
  for (const [what, line, kind] of malformed) {
    it(`records ${what} from the grounder and ends cleanly`, async () => {
      const { graph } = iterativeGraph(["Subgoal 1: Calculate the eggs left."], [line]);
      const out = await graph.invoke({ task: TASK });
      expect(out.stopReason).toBe("action_error");
      expect(out.answer).toBeNull();
      expect(out.errors).toHaveLength(1);
      expect(out.errors[0]).toMatchObject({ kind, module: "executor" });
      expect(out.errors[0].message.length).toBeGreaterThan(5);
    });
  }

  it("records an empty planner output", async () => {
    const { graph } = iterativeGraph(["\nSubgoal 1: ..."], []);
    const out = await graph.invoke({ task: TASK });
    expect(out.stopReason).toBe("malformed_output");
    expect(out.errors[0]).toMatchObject({ kind: "empty_output", module: "planner" });
  });

  it("records a failing model as a model error", async () => {
    const { graph } = iterativeGraph([], []);
    const out = await graph.invoke({ task: TASK });
    expect(out.stopReason).toBe("model_error");
    expect(out.errors[0]).toMatchObject({ kind: "model_error", module: "planner" });
  });

  it("with onActionError=continue feeds the failure back and keeps going", async () => {
    const { graph, planner } = iterativeGraph(
      ["Subgoal 1: Calculate the eggs left.", "No, I will keep planning. Subgoal 2: Try again.", "Yes, I will stop planning."],
      ["R1 = Calculator(16 -)", "R1 = Calculator(16 - 3)"],
      { onActionError: "continue" },
    );
    const out = await graph.invoke({ task: TASK });
    expect(out.answer).toBe("13");
    expect(out.errors).toHaveLength(1);
    expect(planner.prompts[1]).toMatch(/The executed result for Subgoal 1 is an error \(Calculator: cannot parse .*\)\. Should we stop planning\?/);
  });
});

describe("Lumos-O", () => {
  it("plans once, grounds once, executes and ends", async () => {
    const planner = new ScriptedLLM(["Subgoal 1: Calculate the eggs left.; Subgoal 2: Calculate the earnings."]);
    const grounder = new ScriptedLLM(["R1 = Calculator(16 - 3); Output = Calculator(R1 * 2)"]);
    const graph = createLumosGraph({ planner, grounder, formulation: "onetime" });
    const out = await graph.invoke({ task: TASK });
    expect(out).toMatchObject({ answer: "26", stopReason: "completed", round: 1 });
    expect(out.subgoals.map((s) => s.text)).toEqual(["Subgoal 1: Calculate the eggs left.", "Subgoal 2: Calculate the earnings."]);
    expect(grounder.prompts[0]).toContain(" \nSubgoals to be grounded: Subgoal 1: Calculate the eggs left.; Subgoal 2: Calculate the earnings.\n<|assistant|>\n");
  });
});

describe("chat models", () => {
  it("work through the in-context prompt style", async () => {
    const planner = new FakeListChatModel({ responses: ["\nSubgoal 1: Calculate the eggs left.\nextra chatter", "Yes, I will stop planning."] });
    const grounder = new FakeListChatModel({ responses: ["`R1 = Calculator(16 - 3)`"] });
    const graph = createLumosGraph({ planner, grounder });
    const out = await graph.invoke({ task: TASK });
    expect(out.answer).toBe("13");
    expect(out.transcripts[0].prompt).toMatch(/^\[system\]\nYou are the planning module/);
    expect(out.transcripts[0].prompt).toContain("Example conversation:");
  });
});

describe("streaming", () => {
  it("emits readable custom events per subgoal and action", async () => {
    const { graph } = iterativeGraph(
      ["Subgoal 1: Calculate the eggs left.", "Yes, I will stop planning."],
      ["R1 = Calculator(16 - 3)"],
    );
    const events: Record<string, unknown>[] = [];
    for await (const chunk of await graph.stream({ task: TASK }, { streamMode: "custom" })) events.push(chunk as Record<string, unknown>);
    expect(events.map((e) => e.event)).toEqual(["subgoal", "grounding", "action", "plan_stop"]);
    expect(events[2]).toMatchObject({ logged: "R1 = Calculator(16 - 3) = 13" });
  });

  it("emits per-node updates", async () => {
    const { graph } = iterativeGraph(["Subgoal 1: Calculate the eggs left.", "Yes, I will stop planning."], ["R1 = Calculator(16 - 3)"]);
    const nodes: string[] = [];
    for await (const chunk of await graph.stream({ task: TASK }, { streamMode: "updates" })) nodes.push(...Object.keys(chunk));
    expect(nodes).toEqual(["planner", "grounder", "executor", "planner", "finish"]);
  });
});
