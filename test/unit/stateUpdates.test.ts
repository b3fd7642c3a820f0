/**
 * Which writes the Lumos state checks: a built-in node's single-key update of a field only the nodes write is
 * taken as it is (LangGraph checks updates one key at a time), while the graph's input, `messages` and a user's
 * own fields are checked by their schemas, in the graph as outside it.
 */
import { END, START, StateGraph, StateSchema } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { LumosState } from "../../src/graph/state.js";
import { failure } from "../helpers/failure.js";

describe("Lumos state updates", () => {
  it("takes a node-written field's update as it is, and checks input keys and multi-key input", async () => {
    const turns = [{ role: "user", content: "hi" }];
    const update = { planTurns: turns };
    expect(await LumosState.validateInput(update)).toBe(update);
    expect((await failure(LumosState.validateInput({ task: 5 }))).message).toMatch(/Validation failed for field "task"/);
    expect((await failure(LumosState.validateInput({ task: "t", round: "three" }))).message).toMatch(/Validation failed for field "round"/);
    expect(await LumosState.validateInput({ task: "t", round: 2 })).toEqual({ task: "t", round: 2 });
  });

  it("in a graph: the input is checked, a node's write of its own field is not re-checked, a user's field is", async () => {
    const state = new StateSchema({ ...LumosState.fields, note: z.string().optional() });
    // the subclass is LumosState's own: a state built from its fields checks every update as LangGraph does
    const graph = (node: () => Record<string, unknown>) => new StateGraph(LumosState).addNode("n", node).addEdge(START, "n").addEdge("n", END).compile();
    expect((await failure(graph(() => ({ round: 1 })).invoke({ task: 7 } as never))).message).toMatch(/Validation failed for field "task"/);
    expect(await graph(() => ({ round: 1 })).invoke({ task: "t" })).toMatchObject({ task: "t", round: 1 });
    const own = new StateGraph(state).addNode("n", () => ({ note: 3 }) as never).addEdge(START, "n").addEdge("n", END).compile();
    expect((await failure(own.invoke({ task: "t" }))).message).toMatch(/Validation failed for field "note"/);
  });
});
