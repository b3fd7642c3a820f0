/** A tool defined here becomes an action: in a custom domain, and added to a built-in domain. */
import { describe, expect, it } from "vitest";
import { tool } from "@langchain/core/tools";
import { FakeListChatModel } from "@langchain/core/utils/testing";
import { z } from "zod";
import { createCustomDomain, describeActions, extendDomain } from "../../src/domains/custom.js";
import { createMathsDomain } from "../../src/domains/maths/index.js";
import { createLumosGraph } from "../../src/graph/build.js";
import { MATHS_ACTIONS } from "../../src/protocol/constants.js";
import { ScriptedLLM } from "../helpers/scriptedLLM.js";

const convert = tool(
  async ({ value, from, to }) => {
    const metres: Record<string, number> = { km: 1000, m: 1, mile: 1609.344 };
    if (!(from in metres) || !(to in metres)) throw new Error(`unknown unit ${from in metres ? to : from}`);
    return String(Math.round((Number(value) * metres[from]) / metres[to] * 1000) / 1000);
  },
  {
    name: "ConvertUnit",
    description: "Convert a length from one unit to another.",
    schema: z.object({ value: z.coerce.number(), from: z.enum(["km", "m", "mile"]), to: z.enum(["km", "m", "mile"]) }),
  },
);
const shout = tool(async ({ text }) => text.toUpperCase(), { name: "Shout", description: "Upper-case the text", schema: z.object({ text: z.string() }) });

describe("custom domains", () => {
  it("generate the action list from the tools", () => {
    expect(describeActions([convert, shout])).toBe(
      "The available action list is 'ConvertUnit' and 'Shout'.\nConvertUnit(value, from, to): Convert a length from one unit to another; Shout(text): Upper-case the text.\n\n",
    );
  });

  it("run actions with labelled or positional arguments parsed into the tool's schema", async () => {
    const domain = createCustomDomain({ name: "units", tools: [convert, shout] });
    const grounder = new ScriptedLLM(["R1 = ConvertUnit(Value: 5, From: km, To: m); R2 = ConvertUnit(R1, m, mile); R3 = Shout(done)"]);
    const graph = createLumosGraph({ planner: new ScriptedLLM(["Subgoal 1: Convert.; Subgoal 2: Shout."]), grounder, domain, formulation: "onetime" });
    const out = await graph.invoke({ task: "How many miles is 5 km?" });
    expect(out.results).toEqual({ R1: "5000", R2: "3.107", R3: "DONE" });
    expect(grounder.prompts[0]).toContain("The available action list is 'ConvertUnit' and 'Shout'.");
  });

  it("record arguments that do not fit the schema as an error", async () => {
    const domain = createCustomDomain({ name: "units", tools: [convert] });
    const graph = createLumosGraph({
      planner: new ScriptedLLM(["Subgoal 1: Convert."]),
      grounder: new ScriptedLLM(["R1 = ConvertUnit(5, parsec, m)"]),
      domain,
      formulation: "onetime",
    });
    const out = await graph.invoke({ task: "How far?" });
    expect(out.stopReason).toBe("action_error");
    expect(out.errors[0]).toMatchObject({ kind: "invalid_arguments", module: "executor" });
  });
});

describe("extending a built-in domain", () => {
  it("adds the tool as an action and keeps the maths action list byte-exact", async () => {
    const maths = extendDomain(createMathsDomain(), [convert]);
    expect(maths.actionList).toBe(MATHS_ACTIONS);
    expect(maths.tools.map((t) => t.name)).toContain("ConvertUnit");
    const planner = new FakeListChatModel({ responses: ["Subgoal 1: Convert and add.", "Yes, I will stop planning."] });
    const grounder = new FakeListChatModel({ responses: ["R1 = ConvertUnit(2, km, m); R2 = Calculator(R1 + 500)"] });
    const out = await createLumosGraph({ planner, grounder, domain: maths }).invoke({ task: "2 km plus 500 m in metres?" });
    expect(out.answer).toBe("2500");
  });

  it("can describe every tool for general chat models", () => {
    const described = extendDomain(createMathsDomain(), [convert], { describe: true });
    expect(described.actionList).toContain("'Define', and 'ConvertUnit'");
  });
});
