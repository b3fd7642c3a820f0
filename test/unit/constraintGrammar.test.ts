/**
 * The constrained-decoding grammars against what models must and must not write: every gold grounding and
 * plan line of the GSM8K, SVAMP and HotpotQA programs (and of InterCode-SQL and Mind2Web) is a sentence of
 * its grammar and reads as before, every format error of the tests' malformed-output corpus is not, and
 * the check is linear. Checked with the project's recognizer and, where it is installed, with llama.cpp's
 * own grammar engine on the very GBNF text servers receive.
 */
import { describe, expect, it } from "vitest";
import { parseGroundingLine } from "../../src/actions/parse.js";
import { renderGbnf } from "../../src/constraints/gbnf.js";
import { charClass, grammar, literal, oneOrMore, seq, zeroOrMore, type Grammar } from "../../src/constraints/grammar.js";
import { groundingGrammar } from "../../src/constraints/groundingGrammar.js";
import { planGrammar } from "../../src/constraints/planGrammar.js";
import { compileRecognizer } from "../../src/constraints/recognizer.js";
import type { Formulation } from "../../src/core/records.js";
import { createCustomDomain } from "../../src/domains/custom.js";
import { getDataset } from "../../src/eval/benchmarks.js";
import { programOutputs, type GoldProgram } from "../../src/programs/goldProgram.js";
import { parsePlannerOutput } from "../../src/protocol/planOutput.js";
import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { domainOf, mathsDomain, qaDomain, sqlDomain, webshopDomain } from "../helpers/constraintDomains.js";
import { afterPrefix } from "../../src/constraints/afterPrefix.js";
import { moduleConstraints } from "../../src/constraints/moduleConstraints.js";
import { SHOP_DEMONSTRATIONS } from "../../src/domains/webshop/demonstrations.js";
import { readReferenceLine } from "../../src/webshop/referenceAction.js";
import { FIXTURES_DIR, itWithFullData } from "../helpers/datasets.js";
import { GRAMMAR_ENGINE_HINT, loadGrammarEngine } from "../helpers/grammarEngine.js";
import { EXECUTION_ERROR_GROUNDINGS, MALFORMED_GROUNDINGS, MALFORMED_ONETIME_PLANS, MALFORMED_PLANS } from "../helpers/malformedOutputs.js";

const FORMULATIONS: Formulation[] = ["iterative", "onetime"];
const engine = await loadGrammarEngine();
if (!engine) console.log(`llama.cpp grammar engine not installed: ${GRAMMAR_ENGINE_HINT}`);

/** Both engines' verdicts on whole lines: the recognizer's, and llama.cpp's when present. */
async function acceptors(grammars: Grammar[]): Promise<{ ours: (text: string) => boolean; llama?: (text: string) => boolean }> {
  const recognizers = grammars.map(compileRecognizer);
  const natives = engine ? await Promise.all(grammars.map((g) => engine.compile(renderGbnf(g)))) : undefined;
  return {
    ours: (text) => recognizers.some((r) => r.check(text).verdict === "match"),
    ...(natives ? { llama: (text: string) => natives.some((accept) => accept(text)) } : {}),
  };
}

const planGrammars = (formulation: Formulation) => (formulation === "onetime" ? [planGrammar("onetime", "first")] : [planGrammar("iterative", "first"), planGrammar("iterative", "later")]);

async function goldPrograms(dataset: string, dataDir: string): Promise<GoldProgram[]> {
  const spec = getDataset(dataset);
  return [...spec.goldPrograms!(await spec.load(dataDir), dataDir)];
}

/** Every gold line of a dataset's programs, in both formulations, through both engines and the parsers. */
async function expectGoldAccepted(dataset: string, dataDir: string, minimum: number): Promise<void> {
  const programs = await goldPrograms(dataset, dataDir);
  const domain = await domainOf(dataset);
  let lines = 0;
  for (const formulation of FORMULATIONS) {
    if (formulation === "onetime" && domain.replay) continue; // Mind2Web replays Lumos-I only
    const ground = await acceptors([groundingGrammar(domain, formulation)]);
    const plan = await acceptors(planGrammars(formulation));
    for (const program of programs) {
      programOutputs(program, "planner", formulation).forEach((line, turn) => {
        expect(plan.ours(line), `${dataset} ${formulation} plan: ${line}`).toBe(true);
        if (plan.llama) expect(plan.llama(line), `llama.cpp, ${dataset} ${formulation} plan: ${line}`).toBe(true);
        // the first Lumos-I turn has its own grammar: gold lines take the turn's
        if (formulation === "iterative") expect(compileRecognizer(planGrammar("iterative", turn === 0 ? "first" : "later")).check(line).verdict).toBe("match");
        expect(parsePlannerOutput(line, formulation).kind).not.toBe("malformed");
        lines++;
      });
      for (const line of programOutputs(program, "grounder", formulation)) {
        expect(ground.ours(line), `${dataset} ${formulation} grounding: ${line}`).toBe(true);
        if (ground.llama) expect(ground.llama(line), `llama.cpp, ${dataset} ${formulation} grounding: ${line}`).toBe(true);
        expect(parseGroundingLine(line, domain.actionSyntax).every((item) => item.ok), line).toBe(true);
        lines++;
      }
    }
  }
  expect(lines).toBeGreaterThanOrEqual(minimum);
}

describe("constraint grammars: gold lines", () => {
  for (const [dataset, minimum] of [["gsm8k", 900], ["svamp", 500], ["hotpotqa", 500], ["intercode_sql", 300], ["mind2web", 20]] as const) {
    it(`accept every gold plan and grounding line of the ${dataset} sample`, { timeout: 120_000 }, async () => {
      await expectGoldAccepted(dataset, FIXTURES_DIR, minimum);
    });
  }
  itWithFullData(["gsm8k/test.jsonl", "svamp/test.json", "hotpotqa/dev_distractor_first100.json"], "accept every gold line of the whole GSM8K, SVAMP and HotpotQA programs", async (dataDir) => {
    await expectGoldAccepted("gsm8k", dataDir, 13_000);
    await expectGoldAccepted("svamp", dataDir, 5_000);
    await expectGoldAccepted("hotpotqa", dataDir, 500);
  }, 600_000);
});

describe("constraint grammars: llama.cpp's engine", () => {
  it.skipIf(!engine)("parses the GBNF of every built-in domain's grounding and every planning turn", async () => {
    for (const dataset of ["gsm8k", "hotpotqa", "intercode_sql", "mind2web"]) {
      const domain = await domainOf(dataset);
      for (const formulation of FORMULATIONS) await engine!.compile(renderGbnf(groundingGrammar(domain, formulation)));
    }
    for (const formulation of FORMULATIONS) for (const grammar of planGrammars(formulation)) await engine!.compile(renderGbnf(grammar));
    // and refuses a broken one, so the checks above mean something
    await expect(engine!.compile('root ::= "a" (')).rejects.toThrow();
  });
});

describe("constraint grammars: the malformed-output corpus", () => {
  it("rejects every malformed grounding line, in both formulations", async () => {
    for (const formulation of FORMULATIONS) {
      const ground = await acceptors([groundingGrammar(mathsDomain, formulation)]);
      for (const line of MALFORMED_GROUNDINGS) {
        expect(ground.ours(line), `${formulation}: ${JSON.stringify(line)}`).toBe(false);
        if (ground.llama) expect(ground.llama(line), `llama.cpp, ${formulation}: ${JSON.stringify(line)}`).toBe(false);
      }
    }
  });

  it("accepts the well-formed lines whose errors only execution finds", async () => {
    const ground = await acceptors([groundingGrammar(mathsDomain, "iterative")]);
    for (const line of EXECUTION_ERROR_GROUNDINGS) expect(ground.ours(line), line).toBe(true);
  });

  it("rejects every malformed planning line, in both formulations and on every turn", async () => {
    for (const formulation of FORMULATIONS) {
      const plan = await acceptors(planGrammars(formulation));
      const corpus = formulation === "onetime" ? [...MALFORMED_PLANS, ...MALFORMED_ONETIME_PLANS] : MALFORMED_PLANS;
      for (const line of corpus) {
        expect(plan.ours(line), `${formulation}: ${JSON.stringify(line)}`).toBe(false);
        if (plan.llama) expect(plan.llama(line), `llama.cpp, ${formulation}: ${JSON.stringify(line)}`).toBe(false);
      }
    }
  });

  it("holds the protocol's turn structure: Subgoal 1 first, then keep planning or stop", () => {
    const first = compileRecognizer(planGrammar("iterative", "first"));
    const later = compileRecognizer(planGrammar("iterative", "later"));
    expect(first.check("Subgoal 1: Add the eggs.").verdict).toBe("match");
    expect(first.check("Subgoal 2: Add the eggs.").verdict).toBe("mismatch");
    expect(first.check("Yes, I will stop planning.").verdict).toBe("mismatch");
    expect(later.check("No, I will keep planning. Subgoal 4: Halve it.").verdict).toBe("match");
    expect(later.check("Yes, I will stop planning.").verdict).toBe("match");
    expect(later.check("Subgoal 4: Halve it.").verdict).toBe("mismatch");
    expect(compileRecognizer(groundingGrammar(mathsDomain, "iterative")).check("R9 = Calculator(R8 / 2)\n").verdict).toBe("match");
  });
});

describe("constraint grammars: generated from the domain's tools", () => {
  it("names exactly the domain's tools, with function application only where a Calculator is", () => {
    const qa = compileRecognizer(groundingGrammar(qaDomain, "iterative"));
    expect(qa.check("R1 = KnowledgeQuery(Ed Wood); R2 = ParagraphRetrieve(R1, Query: Who?)").verdict).toBe("match");
    expect(qa.check("R1 = SolveEquation(x = 2)").verdict).toBe("mismatch");
    const convert = tool(async () => "", { name: "ConvertUnit", description: "Convert units", schema: z.object({ value: z.string(), to: z.string() }) });
    const units = createCustomDomain({ name: "units", tools: [convert] });
    const recognizer = compileRecognizer(groundingGrammar(units, "iterative"));
    expect(recognizer.check("R1 = ConvertUnit(Value: 5, To: m)").verdict).toBe("match");
    expect(recognizer.check("R2 = R1(3)").verdict).toBe("mismatch");
    expect(recognizer.check("R1 = Calculator(2 + 2)").verdict).toBe("mismatch");
    expect(renderGbnf(groundingGrammar(units, "iterative"))).toContain('tool ::= "ConvertUnit"');
  });

  it("reads SQL quoting as the action parser does", () => {
    const sql = compileRecognizer(groundingGrammar(sqlDomain, "iterative"));
    expect(sql.check("R1 = Execute(SELECT name FROM city WHERE name = 'A (b'); R2 = Submit(SELECT 1)").verdict).toBe("match");
    expect(sql.check("R1 = Execute(SELECT 'it''s', \"a\\\"b\" FROM `t``x`)").verdict).toBe("match");
    expect(sql.check("R1 = Execute(SELECT 'open FROM t)").verdict).toBe("prefix");
    // plain domains read quotes as text, so an apostrophe is no string
    expect(compileRecognizer(groundingGrammar(qaDomain, "iterative")).check("R1 = KnowledgeQuery(Ed Wood's films)").verdict).toBe("match");
  });

  it("allows Output only at the end of a Lumos-O line", () => {
    const onetime = compileRecognizer(groundingGrammar(mathsDomain, "onetime"));
    expect(onetime.check("R1 = Calculator(2 + 3); Output = R1").verdict).toBe("match");
    expect(onetime.check("R1 = Calculator(2 + 3); Output = Calculator(R1 * 2)").verdict).toBe("match");
    expect(onetime.check("Output = R1; R2 = Calculator(3)").verdict).toBe("mismatch");
    expect(compileRecognizer(groundingGrammar(mathsDomain, "iterative")).check("R1 = Calculator(2 + 3); Output = R1").verdict).toBe("mismatch");
  });

  it("renders the GBNF servers receive", () => {
    expect(renderGbnf(groundingGrammar(mathsDomain, "iterative"))).toBe(
      [
        'root ::= " "? (action "; ")* action "\\n"?',
        'action ::= var (", " var)* " = " call',
        'call ::= tool "(" args ")" | var "(" args ")"',
        'tool ::= "Calculator" | "SetEquation" | "SolveEquation" | "Count" | "SolveInequality" | "Code" | "Define"',
        'var ::= "R" [0-9]+',
        "args ::= arg+",
        'arg ::= [^()[\\]{}\\n\\r] | "(" arg* ")" | "[" arg* "]" | "{" arg* "}"',
        "",
      ].join("\n"),
    );
    expect(renderGbnf(planGrammar("iterative", "later"))).toBe(
      ['root ::= " "? ("No, I will keep planning. " subgoal | "Yes, I will stop planning.") "\\n"?', 'subgoal ::= "Subgoal " [0-9]+ ": " text', "text ::= [^\\n\\r]+", ""].join("\n"),
    );
  });
});

describe("a primed grounding call (WebShop's prompt ends with \"R1 = \")", () => {
  it("is constrained to the rest of the line, for the recognizer and llama.cpp", async () => {
    const whole = groundingGrammar(mathsDomain, "iterative");
    const rest = afterPrefix(whole, "R1 = ");
    const accept = (await acceptors([rest])).llama;
    for (const [text, ok] of [["Calculator(2 + 3)", true], ["Calculator(2 + 3); R2 = Count(1, 2)", true], ["R1 = Calculator(2)", false], [" = Calculator(2)", false], ["Calc(2)", false]] as const) {
      expect(compileRecognizer(rest).check(text).verdict === "match", text).toBe(ok);
      if (accept) expect(accept(text), `llama.cpp: ${text}`).toBe(ok);
    }
    expect(() => afterPrefix(whole, "Sure! ")).toThrow(/no line of the grammar starts with "Sure! "/);
  });

  it("WebShop's demonstrations are inside its grammars, primed or not, once their trailing periods go (which its reader ignores)", async () => {
    const domain = await webshopDomain();
    const constraints = moduleConstraints(domain, "iterative", "auto");
    expect(constraints.grounder("R1 = ").label).toBe('a webshop grounding line (Lumos-I) after "R1 = "');
    for (const demonstration of SHOP_DEMONSTRATIONS) {
      demonstration.steps.forEach((step, i) => {
        const planner = constraints.planner(i === 0 ? [] : [{ role: "assistant", content: "" }]);
        expect(planner.check(i === 0 ? step.subgoal : `No, I will keep planning. ${step.subgoal}`).verdict, step.subgoal).toBe("match");
        const line = step.actions.map((a) => a.replace(/\.$/, "")).join("; ");
        expect(readReferenceLine(line).map((item) => item.ok && [item.action.tool, item.action.args])).toEqual(readReferenceLine(step.actions.join("; ")).map((item) => item.ok && [item.action.tool, item.action.args]));
        expect(constraints.grounder().check(line).verdict, line).toBe("match");
        if (i === 0) expect(constraints.grounder("R1 = ").check(line.slice("R1 = ".length)).verdict, line).toBe("match");
      });
    }
  });
});

describe("GBNF text", () => {
  const tricky = grammar({
    root: seq(literal('say "a\\b"\u00e9\n'), oneOrMore(charClass(["-", "^", "[", "]", "\\", "\u0001", "az"])), zeroOrMore(charClass(["-", "]"], true))),
  });

  it("escapes only what every reader understands", () => {
    expect(renderGbnf(tricky)).toBe('root ::= "say \\"a\\\\b\\"\\u00e9\\n" [\\u002d\\u005e[\\]\\\\\\u0001a-z]+ [^\\u002d\\]]*\n');
  });

  it.skipIf(!engine)("means to llama.cpp what it means to the recognizer", async () => {
    const accept = await engine!.compile(renderGbnf(tricky));
    const recognizer = compileRecognizer(tricky);
    for (const text of ['say "a\\b"\u00e9\n-^[]\\\u0001q', 'say "a\\b"\u00e9\nx-', 'say "a\\b"\u00e9\nz!?', 'say "a\\b"\u00e9\nA']) {
      expect(accept(text), text).toBe(recognizer.check(text).verdict === "match");
    }
    expect(accept('say "a\\b"\u00e9\n-^[]\\\u0001q')).toBe(true);
    expect(accept('say "a\\b"\u00e9\nA')).toBe(false);
  });
});

describe("the recognizer", () => {
  const ground = compileRecognizer(groundingGrammar(mathsDomain, "iterative"));

  it("tells a reply cut short from one that left the grammar, and where", () => {
    expect(ground.check("R1 = Calculator(16 - (3").verdict).toBe("prefix");
    expect(ground.check("")).toMatchObject({ verdict: "prefix" });
    expect(ground.check("R1 = Calculate(16)")).toMatchObject({ verdict: "mismatch", at: 13 });
    expect(ground.check("R1 = Calculator(16)\nR2")).toMatchObject({ verdict: "mismatch", at: 20 });
  });

  it("does work linear in the length of adversarial replies (counted, not timed)", () => {
    const plan = compileRecognizer(planGrammar("onetime", "first"));
    const cases: [string, (n: number) => string, ReturnType<typeof compileRecognizer>][] = [
      ["deep brackets", (n) => `R1 = Calculator(${"(".repeat(n)}1${")".repeat(n)})`, ground],
      ["many actions", (n) => Array.from({ length: n }, (_, i) => `R${i} = Calculator(${i})`).join("; "), ground],
      ["separators in arguments", (n) => `R1 = Calculator(${"; R2 = (".repeat(n)}${")".repeat(n)}`, ground],
      ["many subgoals", (n) => Array.from({ length: n }, (_, i) => `Subgoal ${i}: a; b`).join("; "), plan],
      ["one long subgoal of separators", (n) => `Subgoal 1: ${"; Subgoal 2: ;".repeat(n)}`, plan],
    ];
    for (const [name, build, recognizer] of cases) {
      const small = recognizer.check(build(2_000));
      const large = recognizer.check(build(8_000));
      expect(small.verdict, name).not.toBe("mismatch");
      // four times the input, about four times the work (a quadratic check would do sixteen)
      expect(large.steps / small.steps, name).toBeLessThan(4.5);
    }
  });
});
