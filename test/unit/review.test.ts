/** Human review: pause before each batch of actions; approve, edit or reject; resume on a fresh process-like setup. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Command } from "@langchain/langgraph";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import { createLumosGraph } from "../../src/graph/build.js";
import { ScriptedLLM } from "../helpers/scriptedLLM.js";

const planner = () => new ScriptedLLM((p) => (p.includes("executed result") ? "Yes, I will stop planning." : "Subgoal 1: Multiply."));
const grounder = () => new ScriptedLLM(() => "R1 = Calculator(6 * 7)");
const config = (thread: string) => ({ configurable: { thread_id: thread } });

describe("review", () => {
  it("pauses before executing and shows the actions", async () => {
    const graph = createLumosGraph({ planner: planner(), grounder: grounder(), review: true });
    const paused = await graph.invoke({ task: "6 times 7?" }, config("t1"));
    expect(paused.actions).toEqual([]);
    const state = await graph.getState(config("t1"));
    expect(state.next).toEqual(["review"]);
    expect(state.tasks[0].interrupts[0].value).toMatchObject({ kind: "review_actions", subgoal: 1, line: "R1 = Calculator(6 * 7)", actions: ["R1 = Calculator(6 * 7)"] });
    const done = await graph.invoke(new Command({ resume: { action: "approve" } }), config("t1"));
    expect(done).toMatchObject({ answer: "42", stopReason: "planner_stop" });
  });

  it("runs an edited action line instead, and the grounder's conversation shows it", async () => {
    const graph = createLumosGraph({ planner: planner(), grounder: grounder(), review: true });
    await graph.invoke({ task: "6 times 8?" }, config("t2"));
    const done = await graph.invoke(new Command({ resume: { action: "edit", line: "R1 = Calculator(6 * 8)" } }), config("t2"));
    expect(done.answer).toBe("48");
    expect(done.groundTurns[1]).toEqual({ role: "assistant", content: "R1 = Calculator(6 * 8)" });
  });

  it("ends the run when the reviewer rejects, or sends something unreadable", async () => {
    const graph = createLumosGraph({ planner: planner(), grounder: grounder(), review: true });
    await graph.invoke({ task: "6 times 7?" }, config("t3"));
    const rejected = await graph.invoke(new Command({ resume: { action: "reject", reason: "wrong operation" } }), config("t3"));
    expect(rejected).toMatchObject({ stopReason: "rejected", answer: null });
    expect(rejected.errors[0]).toMatchObject({ kind: "rejected", message: "wrong operation" });
    await graph.invoke({ task: "6 times 7?" }, config("t4"));
    const garbled = await graph.invoke(new Command({ resume: "yes please" }), config("t4"));
    expect(garbled.errors[0].message).toMatch(/unreadable review decision/);
  });

  it("resumes from SQLite in a new graph and saver, as after a process restart", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "lumos-review-")), "threads.sqlite");
    const first = createLumosGraph({ planner: planner(), grounder: grounder(), review: true, checkpointer: SqliteSaver.fromConnString(db) });
    await first.invoke({ task: "6 times 7?" }, config("restart"));
    const second = createLumosGraph({ planner: planner(), grounder: grounder(), review: true, checkpointer: SqliteSaver.fromConnString(db) });
    expect((await second.getState(config("restart"))).next).toEqual(["review"]);
    const done = await second.invoke(new Command({ resume: { action: "approve" } }), config("restart"));
    expect(done).toMatchObject({ answer: "42", stopReason: "planner_stop" });
  });
});
