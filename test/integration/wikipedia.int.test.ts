/** The Wikipedia knowledge source against a loopback MediaWiki API with responses written here. */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WikipediaSource } from "../../src/qa/wikipedia.js";
import { createKnowledgeQueryTool } from "../../tools/qa/index.js";
import { createLumosGraph } from "../../src/graph/build.js";
import { createQaDomain } from "../../src/domains/qa/index.js";
import { ScriptedLLM } from "../helpers/scriptedLLM.js";

const PAGES: Record<string, string> = {
  "Marla Quenby": "Marla Quenby is a fictional lighthouse keeper. She was born in Vellport.\n\nShe wrote Salt Ledger.",
  Quenby: "Quenby may refer to:\nMarla Quenby, a keeper\nQuenby Hall, a house",
};

let server: Server | undefined;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

async function mediawiki(mode: "ok" | "error" | "slow" = "ok"): Promise<string> {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (mode === "error") return void res.writeHead(503).end("maintenance");
    const reply = (body: unknown) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (mode === "slow") return void setTimeout(() => reply({}), 500);
    if (url.searchParams.get("prop") === "extracts") {
      const title = url.searchParams.get("titles") ?? "";
      const extract = PAGES[title];
      return reply({ query: { pages: extract ? { "1": { title, extract } } : { "-1": { title, missing: "" } } } });
    }
    if (url.searchParams.get("list") === "search") {
      const q = (url.searchParams.get("srsearch") ?? "").toLowerCase();
      return reply({ query: { search: Object.keys(PAGES).filter((t) => t.toLowerCase().includes(q.split(" ")[0])).map((title) => ({ title })) } });
    }
    res.writeHead(400).end();
  });
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}/w/api.php`;
}

describe("Wikipedia knowledge source", () => {
  it("returns a page's sentences for a title", async () => {
    const source = new WikipediaSource({ apiURL: await mediawiki() });
    expect(await source.lookup("Marla Quenby")).toEqual({
      title: "Marla Quenby",
      sentences: ["Marla Quenby is a fictional lighthouse keeper.", "She was born in Vellport.", "She wrote Salt Ledger."],
    });
  });

  it("searches past a disambiguation page, and reports no result as a value", async () => {
    const tool = createKnowledgeQueryTool(new WikipediaSource({ apiURL: await mediawiki() }));
    expect(await tool.invoke({ query: "Quenby" })).toMatch(/^Marla Quenby \*\*\* Marla Quenby is a fictional lighthouse keeper\./);
    expect(await tool.invoke({ query: "Zzyzx" })).toBe('No result: no page for "Zzyzx" in wikipedia.');
  });

  it("turns server errors and timeouts into clear errors", async () => {
    await expect(new WikipediaSource({ apiURL: await mediawiki("error") }).lookup("x")).rejects.toThrow(/answered HTTP 503/);
    await new Promise<void>((r) => server!.close(() => r()));
    await expect(new WikipediaSource({ apiURL: await mediawiki("slow"), timeoutMs: 100 }).lookup("x")).rejects.toThrow(/failed: timed out/);
  });

  it("a failing Wikipedia becomes a recorded tool error in a run, not a crash", async () => {
    const domain = createQaDomain({ knowledge: new WikipediaSource({ apiURL: await mediawiki("error") }) });
    const graph = createLumosGraph({
      planner: new ScriptedLLM(["Subgoal 1: Obtain information about Marla Quenby."]),
      grounder: new ScriptedLLM(["R1 = KnowledgeQuery(Marla Quenby)"]),
      domain,
    });
    const out = await graph.invoke({ task: "Where was Marla Quenby born?" });
    expect(out.stopReason).toBe("action_error");
    expect(out.errors[0]).toMatchObject({ kind: "tool_error", module: "executor" });
    expect(out.errors[0].message).toMatch(/KnowledgeQuery: Wikipedia API .* answered HTTP 503/);
  });
});
