import { describe, expect, it } from "vitest";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { settingsResolver } from "../../src/graph/settings.js";
import { oracleModule } from "../../src/programs/oracle.js";
import { DEFAULT_MAX_ROUNDS } from "../../src/core/runOptions.js";
import { lumosEnvironment } from "../../src/config.js";

// every node of a run resolves its settings: they are worked out once per context object, and again when it changed
describe("settingsResolver", () => {
  const oracle = oracleModule([]);
  const configOf = (context?: Record<string, unknown>) => ({ ...(context ? { context } : {}) }) as LangGraphRunnableConfig;

  it("resolves a run's context once, however many nodes ask", async () => {
    const resolve = settingsResolver({ planner: oracle, grounder: oracle, domain: "maths" }, lumosEnvironment({}));
    const context = { maxRounds: 5 };
    const first = resolve(configOf(context));
    expect(resolve(configOf(context))).toBe(first);
    expect((await first).maxRounds).toBe(5);
    // no context at all is one configuration too
    expect(resolve(configOf())).toBe(resolve(configOf()));
    expect((await resolve(configOf())).maxRounds).toBe(DEFAULT_MAX_ROUNDS);
  });

  it("resolves again when the same context object was edited, or for another object", async () => {
    const resolve = settingsResolver({ planner: oracle, grounder: oracle, domain: "maths" }, lumosEnvironment({}));
    const context: Record<string, unknown> = { maxRounds: 5 };
    const first = resolve(configOf(context));
    context.maxRounds = 7;
    const edited = resolve(configOf(context));
    expect(edited).not.toBe(first);
    expect((await edited).maxRounds).toBe(7);
    context.formulation = "onetime";
    expect((await resolve(configOf(context))).formulation).toBe("onetime");
    delete context.formulation;
    expect((await resolve(configOf(context))).formulation).toBe("iterative");
    const other = resolve(configOf({ maxRounds: 7 }));
    expect(other).not.toBe(edited);
    expect((await other).maxRounds).toBe(7);
  });

  it("keeps no failure: a context that failed is worked out again next time", async () => {
    const resolve = settingsResolver({ planner: oracle, grounder: oracle, domain: "maths" }, lumosEnvironment({}));
    const context = { maxRounds: 0 };
    const first = resolve(configOf(context));
    await expect(first).rejects.toThrow(/maxRounds/);
    const second = resolve(configOf(context));
    expect(second).not.toBe(first);
    await expect(second).rejects.toThrow(/maxRounds/);
  });

  it("refuses a context that is not an object with the run options' own error", async () => {
    const resolve = settingsResolver({ planner: oracle, grounder: oracle, domain: "maths" }, lumosEnvironment({}));
    await expect(resolve({ context: "fast" } as unknown as LangGraphRunnableConfig)).rejects.toThrow(/expected object, received string/);
  });
});
