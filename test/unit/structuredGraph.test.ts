/**
 * Structured output through the graph: the same decisions as tool calls give the same state as the text
 * protocol (subgoals, actions, results, answer, the module conversations that training data is exported
 * from, the transcripts' completions); replies outside the schema are recorded errors; the run-time context
 * picks the style.
 */
import { describe, expect, it } from "vitest";
import { AIMessage } from "@langchain/core/messages";
import { createLumosGraph } from "../../src/graph/build.js";
import { createMathsDomain } from "../../src/domains/maths/index.js";
import { getDataset } from "../../src/eval/benchmarks.js";
import { oracleModule } from "../../src/programs/oracle.js";
import { goldCallLookup } from "../../src/testing/goldToolCalls.js";
import { actionVocabulary } from "../../src/structured/vocabulary.js";
import type { LumosStateValue } from "../../src/graph/state.js";
import type { LumosContext } from "../../src/graph/context.js";
import { FIXTURES_DIR } from "../helpers/datasets.js";
import { ToolCallingChatModel, type ToolCallRequest } from "../helpers/toolCallingChatModel.js";
import { RecordingChatModel } from "../helpers/recordingChatModel.js";

const TASK = "What is 16 - 3 - 4, doubled?";

/** What a run leaves that must not depend on the chat style. */
function outcome(state: LumosStateValue) {
  return {
    answer: state.answer,
    stopReason: state.stopReason,
    subgoals: state.subgoals,
    groundings: state.groundings,
    actions: state.actions.map(({ ms: _ms, ...rest }) => rest),
    results: state.results,
    errors: state.errors,
    planTurns: state.planTurns,
    groundTurns: state.groundTurns,
    completions: state.transcripts.map((t) => [t.module, t.round, t.completion]),
  };
}

const view = (request: ToolCallRequest) => request.messages.map((m) => ({ role: m.getType(), content: String(m.content) }));

describe("structured output gives the text protocol's records", () => {
  for (const formulation of ["iterative", "onetime"] as const) {
    it(`GSM8K sample, Lumos-${formulation === "iterative" ? "I" : "O"}: every task's state equals the oracle's`, async () => {
      const spec = getDataset("gsm8k");
      const items = await spec.load(FIXTURES_DIR);
      const programs = [...spec.goldPrograms!(items, FIXTURES_DIR)];
      const domain = createMathsDomain();
      const lookup = goldCallLookup(programs);
      const vocabulary = actionVocabulary(domain);
      const model = new ToolCallingChatModel((request) => {
        const call = lookup({ messages: view(request), tool: request.tools[0], formulation, vocabulary });
        if (!call) throw new Error("no gold call for this request");
        return call;
      });
      const text = createLumosGraph({ planner: oracleModule(programs), grounder: oracleModule(programs), domain, formulation, maxRounds: 40 });
      const structured = createLumosGraph({ planner: model, grounder: model, chatStyle: "structured", domain, formulation, maxRounds: 40 });
      let answered = 0;
      for (const item of items) {
        const expected = outcome(await text.invoke({ task: item.question, id: item.id }));
        const got = outcome(await structured.invoke({ task: item.question, id: item.id }));
        expect(got, item.id).toEqual(expected);
        if (expected.answer !== null) answered++;
      }
      expect(answered).toBeGreaterThan(90);
    }, 60_000);
  }
});

describe("replies outside the schema", () => {
  it("a planner reply without the call ends the run as malformed output, transcribed", async () => {
    const model = new ToolCallingChatModel(() => new AIMessage("Sure! Subgoal 1: Subtract."));
    const out = await createLumosGraph({ planner: model, grounder: model, chatStyle: "structured" }).invoke({ task: TASK });
    expect(out.stopReason).toBe("malformed_output");
    expect(out.errors).toEqual([{ kind: "malformed_plan", module: "planner", message: "the model answered in text without calling plan_step", input: "Sure! Subgoal 1: Subtract." }]);
    expect(out.transcripts).toHaveLength(1);
    expect(out.transcripts[0].completion).toBe("Sure! Subgoal 1: Subtract.");
  });

  it("a grounder reply outside the schema is a malformed action: the run stops, or with continue the planner is told", async () => {
    const answers = (request: ToolCallRequest) => {
      if (request.tools[0] === "ground") return { name: "ground", args: { actions: [{ results: ["R1"], tool: "Abacus", arguments: { beads: "3" } }] } };
      const planned = request.messages.filter((m) => m.getType() === "ai").length;
      return planned === 0 ? { name: "plan_step", args: { done: false, subgoal: "Subtract." } } : { name: "plan_step", args: { done: true } };
    };
    const stopped = await createLumosGraph({ planner: new ToolCallingChatModel(answers), grounder: new ToolCallingChatModel(answers), chatStyle: "structured" }).invoke({ task: TASK });
    expect(stopped.stopReason).toBe("action_error");
    expect(stopped.errors).toHaveLength(1);
    expect(stopped.errors[0]).toMatchObject({ kind: "malformed_action", module: "executor", message: expect.stringContaining('ground: action 1 names the unknown tool "Abacus"') });
    expect(stopped.groundings[0].line).toBe('[{"name":"ground","args":{"actions":[{"results":["R1"],"tool":"Abacus","arguments":{"beads":"3"}}]}}]');

    const planner = new ToolCallingChatModel(answers);
    const continued = await createLumosGraph({ planner, grounder: new ToolCallingChatModel(answers), chatStyle: "structured", onActionError: "continue" }).invoke({ task: TASK });
    expect(continued.stopReason).toBe("planner_stop");
    expect(String(planner.requests[1].messages.at(-1)?.content)).toMatch(/^The executed result for Subgoal 1 is an error \(ground: action 1 names the unknown tool "Abacus"/);
  });
});

describe("choosing the style", () => {
  it("the run-time context switches a graph's chat models to structured output, and back", async () => {
    const model = new ToolCallingChatModel((request) => {
      if (request.tools.length === 0) return new AIMessage("Yes, I will stop planning.");
      return { name: "plan_step", args: { done: true } };
    });
    const graph = createLumosGraph({ planner: model, grounder: model });
    // LangGraph types a context as every field present; a run may give any subset
    const withContext = (context: Partial<LumosContext>) => graph.invoke({ task: TASK }, { context } as never);
    await withContext({ chatStyle: "structured" });
    await graph.invoke({ task: TASK });
    expect(model.requests.map((r) => r.tools)).toEqual([["plan_step"], []]);
    // the context schema lists the styles: LangGraph refuses another before the run starts
    await expect(withContext({ chatStyle: "xml" as never })).rejects.toThrow(/in-context.*lumos.*structured/);
  });

  it("a graph built for structured output refuses a chat model without tool calling at once", () => {
    expect(() => createLumosGraph({ planner: new RecordingChatModel(() => ""), grounder: new RecordingChatModel(() => ""), chatStyle: "structured" })).toThrow(/bindTools/);
    expect(() => createLumosGraph({ planner: new RecordingChatModel(() => ""), chatStyle: "xml" as never })).toThrow(/chatStyle/);
  });
});
