/** A Lumos graph inside a parent LangGraph app and as a step of a LangChain runnable chain. */
import { describe, expect, it } from "vitest";
import { RunnableLambda } from "@langchain/core/runnables";
import { END, START, StateGraph, StateSchema } from "@langchain/langgraph";
import { z } from "zod";
import { createLumosGraph, lumosRunnable } from "../../src/graph/build.js";
import { ScriptedLLM } from "../helpers/scriptedLLM.js";

const lumos = () =>
  createLumosGraph({
    planner: new ScriptedLLM((prompt) => (prompt.includes("executed result") ? "Yes, I will stop planning." : "Subgoal 1: Multiply.")),
    grounder: new ScriptedLLM(() => "R1 = Calculator(6 * 7)"),
  });

describe("embedding", () => {
  it("runs as a node inside a parent graph", async () => {
    const Parent = new StateSchema({ question: z.string(), answer: z.string().nullable().default(null), checked: z.boolean().default(false) });
    const agent = lumos();
    const parent = new StateGraph(Parent)
      .addNode("solve", async (state) => {
        const result = await agent.invoke({ task: state.question });
        return { answer: result.answer };
      })
      .addNode("check", async (state) => ({ checked: state.answer === "42" }))
      .addEdge(START, "solve")
      .addEdge("solve", "check")
      .addEdge("check", END)
      .compile();
    expect(await parent.invoke({ question: "What is 6 times 7?" })).toMatchObject({ answer: "42", checked: true });
  });

  it("runs as a compiled subgraph node sharing the task and answer keys", async () => {
    const Parent = new StateSchema({ task: z.string(), answer: z.string().nullable().default(null) });
    const parent = new StateGraph(Parent).addNode("lumos", lumos()).addEdge(START, "lumos").addEdge("lumos", END).compile();
    expect(await parent.invoke({ task: "What is 6 times 7?" })).toEqual({ task: "What is 6 times 7?", answer: "42" });
  });

  it("runs as a step of a LangChain runnable chain", async () => {
    const chain = RunnableLambda.from((question: string) => ({ task: question }))
      .pipe(lumosRunnable(lumos()))
      .pipe(RunnableLambda.from((state: { answer: string | null }) => `The answer is ${state.answer}.`));
    expect(await chain.invoke("What is 6 times 7?")).toBe("The answer is 42.");
  });
});
