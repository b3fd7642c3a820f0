/** Tool nodes: a prebuilt ToolNode or a node of one's own runs the actions it claims. */
import { describe, expect, it } from "vitest";
import { tool } from "@langchain/core/tools";
import { AIMessage, ToolMessage } from "@langchain/core/messages";
import { ToolNode } from "@langchain/langgraph/prebuilt";
import { z } from "zod";
import { createLumosGraph } from "../../src/graph/build.js";
import type { LumosStateValue } from "../../src/graph/state.js";
import { ScriptedLLM } from "../helpers/scriptedLLM.js";

const temperature = tool(
  async ({ city }) => {
    const table: Record<string, number> = { Paris: 18, Oslo: 7 };
    if (!(city in table)) throw new Error(`no reading for ${city}`);
    return String(table[city]);
  },
  { name: "LookupTemperature", description: "Current temperature of a city in degrees Celsius", schema: z.object({ city: z.string() }) },
);

function graphWith(node: unknown, ground: string) {
  return createLumosGraph({
    planner: new ScriptedLLM((p) => (p.includes("executed result") ? "Yes, I will stop planning." : "Subgoal 1: Look up and adjust.")),
    grounder: new ScriptedLLM(() => ground),
    toolNodes: [{ name: "weather", node: node as never, tools: [temperature] }],
  });
}

describe("tool nodes", () => {
  it("a prebuilt ToolNode runs the actions it claims; the executor runs the rest", async () => {
    const graph = graphWith(new ToolNode([temperature]), "R1 = LookupTemperature(Paris); R2 = Calculator(R1 + 2)");
    const out = await graph.invoke({ task: "How warm is Paris plus two degrees?" });
    expect(out).toMatchObject({ answer: "20", stopReason: "planner_stop", results: { R1: "18", R2: "20" } });
    expect(out.actions.map((a) => a.logged)).toEqual(["R1 = LookupTemperature(Paris) = 18", "R2 = Calculator(R1 + 2) = 20"]);
    const drawn = graph.getGraph();
    expect(Object.keys(drawn.nodes)).toContain("weather");
    expect(drawn.edges.some((e) => e.source === "executor" && e.target === "weather")).toBe(true);
    expect(drawn.edges.some((e) => e.source === "weather" && e.target === "toolResult")).toBe(true);
    expect(drawn.edges.some((e) => e.source === "toolResult" && e.target === "executor")).toBe(true);
  });

  it("a node of one's own that answers the tool call works the same way", async () => {
    const own = async (state: LumosStateValue) => {
      const call = (state.messages[state.messages.length - 1] as AIMessage).tool_calls![0];
      return { messages: [new ToolMessage({ content: `${String(call.args.city).length}`, tool_call_id: call.id! })] };
    };
    const out = await graphWith(own, "R1 = LookupTemperature(Oslo); R2 = Calculator(R1 * 10)").invoke({ task: "?" });
    expect(out.results).toEqual({ R1: "4", R2: "40" });
  });

  it("a failure inside the tool node is a recorded tool error", async () => {
    const out = await graphWith(new ToolNode([temperature]), "R1 = LookupTemperature(Atlantis)").invoke({ task: "How warm is Atlantis?" });
    expect(out.stopReason).toBe("action_error");
    expect(out.errors[0]).toMatchObject({ kind: "tool_error", module: "executor" });
    expect(out.errors[0].message).toMatch(/no reading for Atlantis/);
  });

  it("rejects tool nodes that collide with module names or each other", () => {
    expect(() => createLumosGraph({ toolNodes: [{ name: "executor", node: () => ({}), tools: [temperature] }] })).toThrow(/cannot be called "executor"/);
  });
});
