/**
 * A domain of one's own with a per-task environment, written as a user would: a key-value store opened
 * for each task from the task's spec, described in the first planning prompt, read by a tool, and closed
 * when the run ends, also on a timeout and on an error. Nothing outside this file is touched.
 */
import { tool } from "@langchain/core/tools";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createCustomDomain, createLumosGraph, defineDomain, defineEnvironment, openEnvironmentCount, option, resolveDomain, createDomainKit, taskEnvironment } from "../../src/index.js";
import { ScriptedLLM } from "../helpers/scriptedLLM.js";

/** The environment: one store per task, with a log of what happened to it. */
class KeyValueStore {
  closed = false;
  constructor(readonly name: string, readonly entries: Map<string, string>) {}
}
const opened: KeyValueStore[] = [];

const storeEnvironment = defineEnvironment<KeyValueStore>({
  async open(spec) {
    const { name, entries } = spec as { name: string; entries: Record<string, string> };
    if (name === "broken") throw new Error("the store is unreachable");
    const store = new KeyValueStore(name, new Map(Object.entries(entries)));
    opened.push(store);
    return store;
  },
  describe: (store) => `a key-value store "${store.name}" with keys ${[...store.entries.keys()].join(", ")}.`,
  close(store) {
    store.closed = true;
  },
});

const lookup = tool(
  async ({ key }, config) => {
    const store = taskEnvironment<KeyValueStore>(config);
    if (!store || store.closed) throw new Error("no open store");
    if (key === "slow") await new Promise((resolve) => setTimeout(resolve, 5_000));
    if (key === "explode") throw new Error("the lookup exploded");
    return store.entries.get(key) ?? `no key ${key}`;
  },
  { name: "Lookup", description: "Read the value of a key", schema: z.object({ key: z.string() }) },
);

const storeDomain = () => createCustomDomain({ name: "store", tools: [lookup], environment: storeEnvironment });

/** A planner and grounder that read the key to look up from the task. */
function models() {
  const planner = new ScriptedLLM((prompt) => (prompt.includes("The executed result") ? "Yes, I will stop planning." : "Subgoal 1: Read the key."));
  const grounder = new ScriptedLLM((prompt) => `R1 = Lookup(${/Task: read (\w+)/.exec(prompt)?.[1] ?? "missing"})`);
  return { planner, grounder };
}

describe("a domain with a per-task environment", () => {
  it("opens the task's environment, describes it in the first planning turn, lets the tool read it and closes it", async () => {
    const { planner, grounder } = models();
    const graph = createLumosGraph({ planner, grounder, domain: storeDomain() });
    const out = await graph.invoke({ task: "read colour", environment: { name: "paint", entries: { colour: "teal" } } });
    expect(out.answer).toBe("teal");
    expect(planner.prompts[0]).toContain('Task: read colour; Initial Environment Description: a key-value store "paint" with keys colour.\n<|assistant|>\n');
    expect(opened.at(-1)?.closed).toBe(true);
    expect(openEnvironmentCount()).toBe(0);
  });

  it("gives concurrent tasks their own environments", async () => {
    const { planner, grounder } = models();
    const graph = createLumosGraph({ planner, grounder, domain: storeDomain() });
    const tasks = Array.from({ length: 12 }, (_, i) => graph.invoke({ task: "read k", environment: { name: `s${i}`, entries: { k: `value-${i}` } } }));
    const answers = (await Promise.all(tasks)).map((s) => s.answer);
    expect(answers).toEqual(Array.from({ length: 12 }, (_, i) => `value-${i}`));
    expect(openEnvironmentCount()).toBe(0);
  });

  it("closes the environment when a task times out, when a tool fails and records an environment that cannot open", async () => {
    const { planner, grounder } = models();
    const graph = createLumosGraph({ planner, grounder, domain: storeDomain() });
    const before = opened.length;
    await expect(graph.invoke({ task: "read slow", environment: { name: "t", entries: {} } }, { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    expect(opened.length).toBe(before + 1);
    expect(opened.at(-1)?.closed).toBe(true);

    const failed = await graph.invoke({ task: "read explode", environment: { name: "e", entries: {} } });
    expect(failed.stopReason).toBe("action_error");
    expect(failed.errors[0]).toMatchObject({ kind: "tool_error", module: "executor" });
    expect(opened.at(-1)?.closed).toBe(true);

    const broken = await graph.invoke({ task: "read x", environment: { name: "broken", entries: {} } });
    expect(broken.stopReason).toBe("environment_error");
    expect(broken.errors[0].message).toMatch(/the store is unreachable/);
    expect(openEnvironmentCount()).toBe(0);
  });

  it("records a tool that ignores the time limit as a tool timeout", async () => {
    const { planner, grounder } = models();
    const graph = createLumosGraph({ planner, grounder, domain: storeDomain(), actionLimits: { timeoutMs: 200 } });
    const out = await graph.invoke({ task: "read slow", environment: { name: "t", entries: {} } });
    expect(out.errors[0]).toMatchObject({ kind: "tool_timeout", module: "executor" });
    expect(openEnvironmentCount()).toBe(0);
  });

  it("is a definition with its own options, resolved like the built-in domains", async () => {
    const definition = defineDomain({
      name: "store",
      summary: "a key-value store per task",
      options: z.object({ prefix: option.text("prefix of every key", "TEXT") }),
      requires: [{ options: ["prefix"], what: "a key prefix" }],
      create: () => storeDomain(),
    });
    const kit = createDomainKit("data");
    await expect(resolveDomain(definition, {}, kit)).rejects.toThrow("the store domain needs a key prefix (--prefix)");
    expect((await resolveDomain(definition, { prefix: "p" }, kit)).name).toBe("store");
    const { planner, grounder } = models();
    const graph = createLumosGraph({ planner, grounder, domain: definition, domainOptions: { prefix: "p" } });
    expect((await graph.invoke({ task: "read a", environment: { name: "d", entries: { a: "1" } } })).answer).toBe("1");
  });
});
