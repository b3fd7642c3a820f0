/**
 * What constrained decoding changes, against the faithful mode in one run. There is no model here, so the
 * model is simulated, and what is measured says so:
 *
 * (a) Format corpus (exact, no assumption): every gold line of the GSM8K, SVAMP and HotpotQA programs broken
 *     by every applicable family of bench/corruptions.ts. Per family: how many lines the graph's parsers call
 *     format errors, how many the grammar rejects, format errors the grammar lets through (must be 0), and
 *     well-formed but wrong lines it accepts (no grammar can reject those).
 * (b) End to end (under an assumption): GSM8K and SVAMP through the real graph, HTTP client and harness,
 *     against a loopback "noisy model" that answers the gold program but breaks each reply with probability
 *     --rate (a family chosen by a seeded generator keyed by task, module and turn, so both modes see the same
 *     breakage). Faithful requests get the broken reply. Constrained requests are honoured as a grammar-
 *     constrained server would: the server checks the broken reply against the grammar it received; inside
 *     it, the reply stands (the constraint cannot help); outside it, the server answers with the model's
 *     runner-up, assumed to be the gold line. That assumption makes the constrained numbers an upper bound:
 *     a real model's next-best continuation may be well-formed but wrong (the lower bound is no gain in
 *     accuracy, with format errors turned into wrong answers).
 * (c) Cost: GBNF size per grammar, time to build and compile the grammars, time to check one reply, and
 *     request bytes with and without the grammar. Server-side cost (grammar compilation and token masking
 *     in vLLM or llama.cpp) cannot be measured without a model and is not included.
 *
 * Usage: npm run bench:constrained [-- --data-dir ../shared/datasets --rate 0.2 --limit 200]
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { moduleConstraints, type RequestConstraint } from "../src/constraints/moduleConstraints.js";
import type { Formulation } from "../src/core/records.js";
import { createDomainKit } from "../src/domains/kit.js";
import { createQaDomain } from "../src/domains/qa/index.js";
import { resolveDomain } from "../src/domains/resolve.js";
import type { LumosDomain } from "../src/domains/types.js";
import { getDataset } from "../src/eval/benchmarks.js";
import { evaluateDataset } from "../src/eval/evaluate.js";
import { TASK_ID_HEADER } from "../src/models/openaiCompletions.js";
import { programOutputs, type GoldProgram } from "../src/programs/goldProgram.js";
import { NO_KNOWLEDGE_SOURCE } from "../src/qa/noKnowledge.js";
import { startScriptedServer, turnIndex } from "../src/testing/scriptedServer.js";
import { CORRUPTIONS, noisyReply, reading } from "./corruptions.js";

const { values } = parseArgs({
  options: {
    "data-dir": { type: "string", default: process.env.LUMOS_DATA_DIR ?? "test/fixtures/datasets" },
    rate: { type: "string", default: "0.2" },
    limit: { type: "string", default: "200" },
  },
});
const dataDir = values["data-dir"]!;
const rate = Number(values.rate);
const limit = Number(values.limit);
const FORMULATIONS: Formulation[] = ["iterative", "onetime"];
const MODULES = ["planner", "grounder"] as const;

const mathsDomain = await resolveDomain("maths", {}, createDomainKit(dataDir));
const domains: Record<string, LumosDomain> = { gsm8k: mathsDomain, svamp: mathsDomain, hotpotqa: createQaDomain({ knowledge: NO_KNOWLEDGE_SOURCE }) };

async function programsOf(dataset: string): Promise<GoldProgram[]> {
  const spec = getDataset(dataset);
  return [...spec.goldPrograms!(await spec.load(dataDir), dataDir)];
}

/** A request's constraint by position: the grounder's, or the planner's of the first or a later turn. */
function constraintAt(constraints: ReturnType<typeof moduleConstraints>, module: "planner" | "grounder", turn: number): RequestConstraint {
  return module === "grounder" ? constraints.grounder() : constraints.planner(turn === 0 ? [] : [{ role: "assistant", content: "" }]);
}

const pad = (text: string | number, width: number) => String(text).padStart(width);
const percent = (part: number, whole: number) => (whole === 0 ? "-" : `${((100 * part) / whole).toFixed(1)}%`);

// (a) the format corpus
console.log(`(a) format corpus: gold lines of GSM8K, SVAMP, HotpotQA (${dataDir}) broken by each family`);
console.log(`${"family".padEnd(26)}${pad("kind", 10)}${pad("lines", 8)}${pad("format err", 12)}${pad("rejected", 10)}${pad("let through", 13)}${pad("accepted", 10)}`);
const families = new Map(CORRUPTIONS.map((c) => [c.name, { lines: 0, formatErrors: 0, rejected: 0, letThrough: 0 }]));
let goldLines = 0;
for (const dataset of ["gsm8k", "svamp", "hotpotqa"]) {
  const domain = domains[dataset];
  for (const program of await programsOf(dataset)) {
    for (const formulation of FORMULATIONS) {
      const constraints = moduleConstraints(domain, formulation, "auto");
      for (const module of MODULES) {
        programOutputs(program, module, formulation).forEach((gold, turn) => {
          goldLines++;
          const constraint = constraintAt(constraints, module, turn);
          for (const family of CORRUPTIONS.filter((c) => c.module === module)) {
            const broken = family.apply(gold);
            if (broken === undefined) continue;
            const row = families.get(family.name)!;
            const format = reading(broken, module, formulation, domain).format;
            const rejected = constraint.check(broken).verdict !== "match";
            row.lines++;
            if (format) row.formatErrors++;
            if (rejected) row.rejected++;
            if (format && !rejected) row.letThrough++;
          }
        });
      }
    }
  }
}
const totals = { lines: 0, formatErrors: 0, rejected: 0, letThrough: 0 };
for (const family of CORRUPTIONS) {
  const row = families.get(family.name)!;
  for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += row[key];
  console.log(`${family.name.padEnd(26)}${pad(family.kind, 10)}${pad(row.lines, 8)}${pad(row.formatErrors, 12)}${pad(row.rejected, 10)}${pad(row.letThrough, 13)}${pad(row.lines - row.rejected, 10)}`);
}
console.log(`${"all".padEnd(26)}${pad("", 10)}${pad(totals.lines, 8)}${pad(totals.formatErrors, 12)}${pad(totals.rejected, 10)}${pad(totals.letThrough, 13)}${pad(totals.lines - totals.rejected, 10)}`);
console.log(`from ${goldLines} gold lines, all inside their grammars; format errors rejected: ${percent(totals.formatErrors - totals.letThrough, totals.formatErrors)}\n`);

// (b) end to end: the same noisy model, faithful and constrained
console.log(`(b) end to end: noisy model (rate ${rate}), first ${limit} tasks, faithful vs constrained in one run`);
const programs = new Map<string, GoldProgram>();
for (const dataset of ["gsm8k", "svamp"]) for (const program of (await programsOf(dataset)).slice(0, limit)) programs.set(program.id, program);
const prepared = new Map<string, RequestConstraint>();
for (const formulation of FORMULATIONS) {
  const constraints = moduleConstraints(mathsDomain, formulation, "auto");
  for (const c of [constraints.grounder(), constraintAt(constraints, "planner", 0), constraintAt(constraints, "planner", 1)]) prepared.set(c.grammar, c);
}
const bytes = { faithful: [] as number[], constrained: [] as number[] };
const events = { broken: 0, repaired: 0 };
const server = await startScriptedServer(({ body, headers }) => {
  const program = programs.get(decodeURIComponent(String(headers[TASK_ID_HEADER] ?? "")));
  const [module, formulation] = String(body.model).split("|") as ["planner" | "grounder", Formulation];
  const turn = turnIndex(String(body.prompt));
  const gold = program && programOutputs(program, module, formulation)[turn];
  if (gold === undefined) return { status: 404 };
  const grammar = (body.structured_outputs as { grammar?: string } | undefined)?.grammar;
  bytes[grammar ? "constrained" : "faithful"].push(JSON.stringify(body).length);
  const noisy = noisyReply(gold, module, `${program!.id}|${module}|${formulation}|${turn}`, rate);
  if (grammar === undefined) return noisy.line;
  const constraint = prepared.get(grammar);
  if (!constraint) return { status: 400, body: "unknown grammar" };
  if (noisy.family) events.broken++;
  if (constraint.check(noisy.line).verdict === "match") return noisy.line;
  events.repaired++;
  return gold;
});
console.log(`${"dataset".padEnd(8)}${"formulation".padEnd(12)}${"mode".padEnd(13)}${pad("tasks", 6)}${pad("accuracy", 10)}${pad("answered", 10)}${pad("format errors", 15)}  stop reasons, error kinds`);
const FORMAT_KINDS = ["malformed_plan", "malformed_action", "unknown_tool", "empty_output"];
for (const dataset of ["gsm8k", "svamp"]) {
  for (const formulation of FORMULATIONS) {
    for (const constrained of [false, true]) {
      const spec = (module: string) => `completion:${module}|${formulation}@${server.url}`;
      const { summary } = await evaluateDataset({
        dataset,
        dataDir,
        planner: spec("planner"),
        grounder: spec("grounder"),
        formulation,
        limit,
        concurrency: 8,
        outDir: join(mkdtempSync(join(tmpdir(), "lumos-bench-constrained-")), "run"),
        constrained,
        maxRounds: 40,
      });
      const formatErrors = FORMAT_KINDS.reduce((n, kind) => n + (summary.errorKinds[kind] ?? 0), 0);
      const accuracy = summary.metrics.accuracy.toFixed(2);
      console.log(
        `${dataset.padEnd(8)}${formulation.padEnd(12)}${(constrained ? "constrained" : "faithful").padEnd(13)}${pad(summary.tasks, 6)}${pad(accuracy, 10)}${pad(summary.answered, 10)}${pad(formatErrors, 15)}  ${JSON.stringify(summary.stopReasons)} ${JSON.stringify(summary.errorKinds)}`,
      );
    }
  }
}
console.log(`constrained replies broken by the noisy model: ${events.broken}; answered with the runner-up because they left the grammar: ${events.repaired}\n`);
await server.close();

// (c) cost
console.log("(c) cost");
const started = performance.now();
for (const formulation of FORMULATIONS) moduleConstraints(createQaDomain({ knowledge: NO_KNOWLEDGE_SOURCE }), formulation, "auto");
console.log(`build and compile the grammars of a domain (both formulations, first time): ${(performance.now() - started).toFixed(1)} ms`);
for (const [label, c] of [
  ["maths grounding (Lumos-I)", moduleConstraints(mathsDomain, "iterative", "auto").grounder()],
  ["planning, later turn (Lumos-I)", constraintAt(moduleConstraints(mathsDomain, "iterative", "auto"), "planner", 1)],
] as const) {
  console.log(`GBNF of ${label}: ${Buffer.byteLength(c.grammar)} bytes`);
}
const lines = (await programsOf("gsm8k")).flatMap((p) => programOutputs(p, "grounder", "iterative"));
const check = moduleConstraints(mathsDomain, "iterative", "auto").grounder();
const checkStart = performance.now();
const rounds = 5;
for (let r = 0; r < rounds; r++) for (const line of lines) check.check(line);
const perCheck = ((performance.now() - checkStart) * 1000) / (rounds * lines.length);
const meanLength = lines.reduce((n, l) => n + l.length, 0) / lines.length;
console.log(`check one reply against its grammar: ${perCheck.toFixed(1)} µs (GSM8K grounding lines, ${meanLength.toFixed(0)} characters on average)`);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
console.log(`request body: ${mean(bytes.faithful).toFixed(0)} bytes faithful, ${mean(bytes.constrained).toFixed(0)} bytes constrained (mean; auto form sends the grammar twice)`);
