/**
 * What isolation costs and what it bounds, measured in one run.
 *
 * (a) Calculator actions per second through the LangChain tool, on the GSM8K test set's `<<expr=value>>`
 *     calculator notes: in-process (createInProcessRunner: no isolation) and isolated (the worker pool with every
 *     job sent to a worker), one action at a time, and the ratio isolated / in-process (what isolation costs per
 *     action); then the isolated pool with 8 actions in flight; then the default pool, which runs plain
 *     arithmetic in the calling thread (src/isolation/inlineJobs.ts). Each is measured in three alternating
 *     rounds; the best round counts. (b) uses the default pool, as users get it.
 * (b) Hostile actions, family by family: the worst wall time of any member (each run twice, on a warmed pool)
 *     against the family's limit (the pool's 5 s per action for the maths tools; the sandbox's 1 s for Code,
 *     whose hard stop is 1.5 x + 50 ms), and the ratio worst / limit (targets: well under 1 for the maths
 *     tools, whose size limits refuse hostile input before computing; at most 2 for Code). The host's RSS is
 *     printed before and after.
 *
 * Usage: npm run bench:isolation [-- --data-dir ../shared/datasets --actions 2000]
 */
import { parseArgs } from "node:util";
import { loadGsm8k } from "../src/datasets/gsm8k.js";
import { createInProcessRunner, createIsolatedPool, type JobRunner } from "../src/isolation/index.js";
import { DEFAULT_SANDBOX_LIMITS } from "../src/sandbox/quickjs.js";
import { createCalculatorTool } from "../tools/maths/calculator.js";
import { createSolveEquationTool } from "../tools/maths/solveEquation.js";
import { runGeneratedCode } from "../tools/maths/code.js";

const { values } = parseArgs({
  options: {
    "data-dir": { type: "string", default: process.env.LUMOS_DATA_DIR ?? "../shared/datasets" },
    actions: { type: "string", default: "2000" },
  },
});
const actions = Number(values.actions);

const notes = (await loadGsm8k(values["data-dir"]!))
  .flatMap((item) => [...String((item.source as { answer: string }).answer).matchAll(/<<([^=<>]+)=/g)].map((m) => m[1]))
  .filter((formula) => formula.trim() !== "");
const formulas = Array.from({ length: actions }, (_, i) => notes[i % notes.length]);

// as users get it (plain arithmetic in the calling thread), and with every job in a worker
const pool = createIsolatedPool();
const strictPool = createIsolatedPool({ inlinePlainArithmetic: false });
await Promise.all([pool.warmUp(), strictPool.warmUp()]);

async function throughput(runner: JobRunner, inFlight: number): Promise<{ perSecond: number; failures: number }> {
  const calculator = createCalculatorTool({ pool: runner });
  let failures = 0;
  const call = (formula: string) => calculator.invoke({ formula }).catch(() => failures++);
  for (const formula of formulas.slice(0, 200)) await call(formula); // warm-up
  failures = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < formulas.length) await call(formulas[next++]);
    }),
  );
  return { perSecond: formulas.length / ((performance.now() - started) / 1000), failures };
}

const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
console.log(`isolation: Calculator through the LangChain tool on ${fmt(notes.length)} GSM8K calculator notes; pool of ${pool.size} workers`);
console.log(`(a) throughput, ${fmt(actions)} actions`);
const best = (a: { perSecond: number; failures: number }, b: { perSecond: number; failures: number }) => (b.perSecond > a.perSecond ? b : a);
const inProcessRunner = createInProcessRunner();
let inProcess = { perSecond: 0, failures: 0 };
let isolated = { perSecond: 0, failures: 0 };
let parallel = { perSecond: 0, failures: 0 };
let byDefault = { perSecond: 0, failures: 0 };
for (let round = 0; round < 3; round++) {
  inProcess = best(inProcess, await throughput(inProcessRunner, 1));
  isolated = best(isolated, await throughput(strictPool, 1));
  parallel = best(parallel, await throughput(strictPool, 8));
  byDefault = best(byDefault, await throughput(pool, 1));
}
const costMs = 1000 / isolated.perSecond - 1000 / inProcess.perSecond;
console.log(`    in-process, one at a time: ${fmt(inProcess.perSecond)} actions/s (${inProcess.failures} notes our Calculator rejects)`);
console.log(`    isolated,   one at a time: ${fmt(isolated.perSecond)} actions/s (${isolated.failures} rejected)`);
console.log(`    ratio isolated / in-process: ${fmt(isolated.perSecond / inProcess.perSecond, 2)} (isolation costs ${fmt(costMs, 3)} ms per action)`);
console.log(`    isolated,   8 in flight:   ${fmt(parallel.perSecond)} actions/s (${fmt(parallel.perSecond / inProcess.perSecond, 2)} x in-process)`);
const inlineShare = pool.stats().inline / (pool.stats().inline + pool.stats().completed);
console.log(`    default pool (plain arithmetic in the calling thread: ${fmt(100 * inlineShare, 1)}% of these notes), one at a time: ${fmt(byDefault.perSecond)} actions/s (${fmt(byDefault.perSecond / inProcess.perSecond, 2)} x in-process)`);

// ---------------------------------------------------------------------------------------------------------

const calculator = createCalculatorTool({ pool });
const solveEquation = createSolveEquationTool({ pool });
const calc = (formula: string) => () => calculator.invoke({ formula });
const solve = (equation: string) => () => solveEquation.invoke({ equation });
const code = (source: string) => () => runGeneratedCode(source, DEFAULT_SANDBOX_LIMITS, { pool });

interface Family {
  name: string;
  limitMs: number;
  members: (() => Promise<unknown>)[];
}

const MATHS_LIMIT = pool.limits.timeoutMs;
const CODE_LIMIT = DEFAULT_SANDBOX_LIMITS.timeoutMs;
const families: Family[] = [
  { name: "Calculator: huge exponents", limitMs: MATHS_LIMIT, members: [calc("9^9^9"), calc("2^(10^7)"), calc("10^10^10"), calc("(x + 1)^1000000"), calc(Array.from({ length: 180 }, () => "(7^9000)").join(" * "))] },
  { name: "Calculator: symbolic blow-ups", limitMs: MATHS_LIMIT, members: [calc(Array.from({ length: 40 }, (_, i) => `sin(x + ${i})`).join(" + ")), calc(Array.from({ length: 25 }, (_, i) => `x^${i % 5} * y^${i % 3} / (z + ${i})`).join(" + "))] },
  { name: "Calculator: factorials", limitMs: MATHS_LIMIT, members: [calc("factorial(1000000)"), calc("combinations(1000000000, 500000000)"), calc("1000000!")] },
  { name: "Calculator: huge matrices and ranges", limitMs: MATHS_LIMIT, members: [calc("zeros(20000, 20000)"), calc("1:1000000000"), calc("sum(1:1000000000)"), calc("[[1, 2], [3, 4]]^1000000000")] },
  { name: "Calculator: deep nesting", limitMs: MATHS_LIMIT, members: [calc("(".repeat(5000) + "1" + ")".repeat(5000)), calc("-".repeat(9000) + "1")] },
  { name: "Calculator: long input", limitMs: MATHS_LIMIT, members: [calc("1" + "+1".repeat(50_000)), calc('"' + "x".repeat(100_000) + '"')] },
  {
    name: "Calculator: reconfiguring mathjs",
    limitMs: MATHS_LIMIT,
    members: [calc('config({number: "BigNumber", precision: number(1)})'), calc("import({pi: 3}, {override: true})"), calc('createUnit("furlong", "220 yards")'), calc('evaluate("1+1")'), calc('parse("x")'), calc("f(x) = x^2")],
  },
  {
    name: "SolveEquation: huge systems",
    limitMs: MATHS_LIMIT,
    members: [
      solve(`${Array.from({ length: 200 }, (_, i) => `x${i}`).join(" + ")} = 1`),
      solve(Array.from({ length: 200 }, (_, i) => `x${i} + x${i + 1} = ${i}`).join(", ")),
      solve(`${Array.from({ length: 2000 }, () => "x").join(" + ")} = 1`),
    ],
  },
  { name: "Code: infinite loop", limitMs: CODE_LIMIT, members: [code("function solve() { while (true) {} }")] },
  { name: "Code: catch-and-retry loops", limitMs: CODE_LIMIT, members: [code("function solve() { for (;;) { try { while (true) {} } catch (e) {} } }"), code("function solve() { function f(d) { try { return f(d + 1); } catch (e) { return f(d + 1); } } return f(0); }")] },
  { name: "Code: regex backtracking", limitMs: CODE_LIMIT, members: [code("function solve() { return /(a+)+$/.test('a'.repeat(40) + 'b'); }")] },
  { name: "Code: allocation loops", limitMs: CODE_LIMIT, members: [code("function solve() { const a = []; for (;;) a.push(new Array(100000).fill(1)); }"), code("function solve() { let a = []; for (;;) { try { a.push(new Array(100000).fill(1)); } catch (e) { a = []; } } }")] },
  { name: "Code: deep recursion", limitMs: CODE_LIMIT, members: [code("function solve() { function f(n) { return f(n + 1) + 1; } return f(0); }"), code("function solve() { return JSON.parse('['.repeat(100000) + ']'.repeat(100000)); }")] },
  {
    name: "Code: hostile results",
    limitMs: CODE_LIMIT,
    members: [
      code("function solve() { const a = {}; a.self = a; return a; }"),
      code("function solve() { return { toJSON() { return 'x'.repeat(20 * 1024 * 1024); } }; }"),
      code("function solve() { return 'x'.repeat(20 * 1024 * 1024); }"),
    ],
  },
];

const rssMb = () => Math.round(process.memoryUsage().rss / 1024 / 1024);
console.log(`(b) hostile actions: worst wall time of a family's members (each run twice on a warmed pool) / the family's limit; host RSS ${rssMb()} MB`);
let crashes = 0;
for (const family of families) {
  let worst = 0;
  let example = "";
  for (let round = 0; round < 2; round++) {
    for (const member of family.members) {
      await pool.warmUp();
      const started = performance.now();
      try {
        await member();
        crashes++; // a hostile action must fail
        example = "SUCCEEDED (expected an error)";
      } catch (error) {
        example ||= `${(error as Error).name}: ${(error as Error).message}`;
      }
      worst = Math.max(worst, performance.now() - started);
    }
  }
  console.log(
    `    ${family.name.padEnd(38)} ${String(family.members.length).padStart(2)} members  worst ${fmt(worst).padStart(5)} ms  limit ${fmt(family.limitMs).padStart(5)} ms  ratio ${fmt(worst / family.limitMs, 3)}`,
  );
  console.log(`        e.g. ${example.length > 140 ? `${example.slice(0, 137)}...` : example}`);
}
const healthy = await calculator.invoke({ formula: "0.1 + 0.2" });
console.log(`    after all of them: Calculator(0.1 + 0.2) = ${healthy}; host RSS ${rssMb()} MB; workers replaced ${pool.stats().replaced}; hostile actions that succeeded ${crashes}`);
await Promise.all([pool.close(), strictPool.close()]);
