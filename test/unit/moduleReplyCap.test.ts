/** The reply cap on the chat and completion module paths: an over-size reply is an error that does not carry the reply. */
import { FakeListChatModel } from "@langchain/core/utils/testing";
import { describe, expect, it } from "vitest";
import { createLumosGraph } from "../../src/graph/build.js";
import { chatModule } from "../../src/models/chatModule.js";
import { completionModule } from "../../src/models/completionModule.js";
import { ReplyTooLargeError } from "../../src/models/transientError.js";
import type { ModuleRequest } from "../../src/models/types.js";
import { ScriptedLLM } from "../helpers/scriptedLLM.js";

const request: ModuleRequest = { module: "planner", formulation: "iterative", task: "x", turns: [{ role: "user", content: "Task: x" }] };

describe("module reply cap", () => {
  it("chat path: default 64 KiB, configurable with maxReplyBytes", async () => {
    const big = `Subgoal 1: ${"w".repeat(70 * 1024)}`;
    await expect(chatModule(new FakeListChatModel({ responses: [big] }), "lumos", "fake").generate(request)).rejects.toThrow(ReplyTooLargeError);
    await expect(chatModule(new FakeListChatModel({ responses: [big] }), "lumos", "fake", { maxReplyBytes: 128 * 1024 }).generate(request)).resolves.toMatchObject({ completion: big });
    await expect(chatModule(new FakeListChatModel({ responses: ["Subgoal 1: ok"] }), "lumos", "fake", { maxReplyBytes: 10 }).generate(request)).rejects.toThrow(
      "chat model fake replied with 13 bytes, over the cap of 10 bytes of a module reply; the reply was not kept",
    );
  });

  it("completion path: the same cap", async () => {
    await expect(completionModule(new ScriptedLLM(["x".repeat(65 * 1024)]), "scripted").generate(request)).rejects.toThrow(/completion model scripted replied with 66560 bytes, over the cap of 65536 bytes/);
    await expect(completionModule(new ScriptedLLM(["Subgoal 1: ok"]), "scripted", { maxReplyBytes: 100 }).generate(request)).resolves.toMatchObject({ completion: "Subgoal 1: ok" });
  });

  it("in a graph the over-size reply becomes a non-retryable model error without the text", async () => {
    const huge = "Subgoal 1: " + "q".repeat(200_000);
    const graph = createLumosGraph({ planner: chatModule(new FakeListChatModel({ responses: [huge] }), "lumos", "fake"), grounder: new ScriptedLLM(["R1 = Calculator(1)"]) });
    const out = await graph.invoke({ task: "t" });
    expect(out.stopReason).toBe("model_error");
    expect(out.errors[0]).toMatchObject({ kind: "model_error", module: "planner", retryable: false });
    expect(JSON.stringify(out).length).toBeLessThan(10_000);
  });
});
