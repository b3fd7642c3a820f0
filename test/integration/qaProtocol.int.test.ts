/**
 * Complex QA against a scripted completions server (planner, grounder) and a scripted chat server (the
 * QA model): the prompts must be byte-identical to the reference's for the same model outputs, and the
 * QA model must get the paper's prompts, including the final answer over all gathered answers.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { qaPrompts } from "../../src/qa/askQa.js";
import { runCli } from "../helpers/cli.js";
import { referencePrompts } from "../helpers/reference.js";
import { startScriptedServer, turnIndex, type ScriptedServer } from "../helpers/scriptedServer.js";

const servers: ScriptedServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  delete process.env.OPENAI_BASE_URL;
  delete process.env.OPENAI_API_KEY;
});

// made-up pages, so nothing here was seen in training data or in the reference's logs
const CORPUS = [
  { title: "Marla Quenby", text: "Marla Quenby is a fictional lighthouse keeper. She was born in the harbour town of Vellport. She wrote the novel Salt Ledger." },
  { title: "Vellport", text: "Vellport is a harbour town on the Grey Coast. It was founded in 1712 by fishermen. Its lighthouse is painted red." },
  { title: "Salt Ledger", text: "Salt Ledger is a 1998 novel by Marla Quenby. It won the Coastline Prize." },
];
const TASK = "In which year was the birthplace of the author of Salt Ledger founded?";
const PLAN = [
  "Subgoal 1: Obtain the author of Salt Ledger.",
  "No, I will keep planning. Subgoal 2: Obtain the birthplace of Marla Quenby.",
  "No, I will keep planning. Subgoal 3: Obtain the founding year of Vellport.",
  "Yes, I will stop planning.",
];
const GROUND = [
  "R1 = KnowledgeQuery(Salt Ledger); R2 = ParagraphRetrieve(R1, Query: Who wrote Salt Ledger?); R3 = QA([R2], Question: Who wrote Salt Ledger?)",
  "R4 = KnowledgeQuery(R3); R5 = ParagraphRetrieve(R4, Query: Where was Marla Quenby born?); R6 = QA([R5], Question: Where was Marla Quenby born?)",
  "R7 = KnowledgeQuery(Vellport); R8 = ParagraphRetrieve(R7, Query: When was Vellport founded?); R9 = QA([R8], Question: When was Vellport founded?)",
];
const ANSWERS: Record<string, string> = {
  "Who wrote Salt Ledger?": "Answer: Marla Quenby",
  "Where was Marla Quenby born?": "Answer: Vellport",
  "When was Vellport founded?": "Answer: 1712",
  [TASK]: "Answer: 1712",
};

async function serve(plan: string[], ground: string[]) {
  const modules = await startScriptedServer(({ body }) => {
    const outputs = body.model === "plan" ? plan : ground;
    return outputs[turnIndex(String(body.prompt))] ?? { status: 400 };
  });
  const qa = await startScriptedServer(({ body }) => {
    const prompt = (body.messages as { content: string }[])[0].content;
    const question = /\nQuestion: (.*)\n/.exec(prompt)?.[1] ?? "";
    return ANSWERS[question] ?? "No answer";
  });
  servers.push(modules, qa);
  process.env.OPENAI_BASE_URL = qa.url;
  process.env.OPENAI_API_KEY = "sk-loopback";
  const dir = mkdtempSync(join(tmpdir(), "lumos-qa-"));
  writeFileSync(join(dir, "corpus.jsonl"), CORPUS.map((p) => JSON.stringify(p)).join("\n"));
  return { modules, qa, corpus: join(dir, "corpus.jsonl") };
}

describe("complex QA protocol", () => {
  it("Lumos-I sends the reference's prompts and answers from all gathered answers", async () => {
    const { modules, qa, corpus } = await serve(PLAN, GROUND);
    const r = await runCli([
      "run", "--domain", "qa", "--planner", `completion:plan@${modules.url}`, "--grounder", `completion:ground@${modules.url}`,
      "--qa-model", "openai:qa", "--corpus", corpus, "--json", TASK,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.answer).toBe("1712");
    expect(out.results.R6).toBe("Question: Where was Marla Quenby born?; Answer: Vellport");
    expect(out.results.R2).toMatch(/^Evidence 1: Salt Ledger is a 1998 novel by Marla Quenby\./);

    // the value each action produced, keyed by the action text, as the reference logged them
    const results = Object.fromEntries(GROUND.join("; ").split("; ").map((action) => [action, out.results[action.split(" = ")[0]]]));
    const expected = referencePrompts({ domain: "qa", formulation: "iterative", task: TASK, plan_outputs: PLAN, ground_outputs: GROUND, results });
    expect(modules.requests.map((q) => ({ module: q.body.model, prompt: q.body.prompt }))).toEqual(expected);
    expect(String(modules.requests[5].body.prompt)).toContain(
      "Subgoal to be grounded: Subgoal 3: Obtain the founding year of Vellport. The grounding could be based on the following results: The execution result for Subgoal 1 is Marla Quenby The execution result for Subgoal 2 is Vellport\n<|assistant|>\n",
    );

    const qaPromptsSent = qa.requests.map((q) => (q.body.messages as { content: string }[])[0].content);
    expect(qaPromptsSent[qaPromptsSent.length - 1]).toBe(
      qaPrompts.withContext(
        TASK,
        "Question: Who wrote Salt Ledger?; Answer: Marla Quenby; Question: Where was Marla Quenby born?; Answer: Vellport; Question: When was Vellport founded?; Answer: 1712;",
      ),
    );
  });

  it("ranks ParagraphRetrieve by embeddings from an OpenAI-compatible server with --embeddings", async () => {
    const { modules, qa, corpus } = await serve(PLAN, GROUND);
    const r = await runCli([
      "run", "--domain", "qa", "--planner", `completion:plan@${modules.url}`, "--grounder", `completion:ground@${modules.url}`,
      "--qa-model", "openai:qa", "--embeddings", "openai:letters", "--corpus", corpus, "--json", TASK,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.answer).toBe("1712");
    expect(qa.requests.filter((q) => q.path.endsWith("/embeddings")).length).toBeGreaterThanOrEqual(6);
    // the Salt Ledger page has two sentences: both come back, ranked by the server's vectors
    expect(out.results.R2).toMatch(/^Evidence 1: .+\nEvidence 2: .+$/);
    expect(out.results.R2).toContain("Salt Ledger is a 1998 novel by Marla Quenby.");
  });

  it("Lumos-O asks the task itself with its last QA action", async () => {
    const plan = ["Subgoal 1: Obtain the author of Salt Ledger.; Subgoal 2: Obtain the founding year of the author's birthplace."];
    const ground = ["R1 = KnowledgeQuery(Vellport); R2 = ParagraphRetrieve(R1, Query: When was Vellport founded?); R3 = QA([R2], Question: When was Vellport founded?)"];
    const { modules, qa, corpus } = await serve(plan, ground);
    const r = await runCli([
      "run", "--domain", "qa", "--formulation", "onetime", "--planner", `completion:plan@${modules.url}`, "--grounder", `completion:ground@${modules.url}`,
      "--qa-model", "openai:qa", "--corpus", corpus, "--json", TASK,
    ]);
    const out = JSON.parse(r.stdout);
    expect(out.answer).toBe("1712");
    const asked = (qa.requests[0].body.messages as { content: string }[])[0].content;
    expect(asked).toContain(`\nQuestion: ${TASK}\n`);
    const expected = referencePrompts({ domain: "qa", formulation: "onetime", task: TASK, plan_outputs: plan, ground_outputs: ground, results: {} });
    expect(modules.requests.map((q) => q.body.prompt)).toEqual(expected.map((e) => e.prompt));
  });
});
