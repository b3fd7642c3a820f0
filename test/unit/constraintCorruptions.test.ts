/**
 * The broken-output families of bench/constrained.ts are what they claim, on every gold line of the GSM8K,
 * SVAMP and HotpotQA samples: "format" ones are format errors to the graph's parsers and outside the grammar,
 * "harmless" ones read as the gold line and are outside the grammar too (a constrained model writes the
 * canonical form), "semantic" ones are well-formed, read differently, and inside it.
 */
import { describe, expect, it } from "vitest";
import { CORRUPTIONS, noisyReply, reading } from "../../bench/corruptions.js";
import { moduleConstraints } from "../../src/constraints/moduleConstraints.js";
import type { Formulation } from "../../src/core/records.js";
import { getDataset } from "../../src/eval/benchmarks.js";
import { programOutputs } from "../../src/programs/goldProgram.js";
import { domainOf } from "../helpers/constraintDomains.js";
import { FIXTURES_DIR } from "../helpers/datasets.js";

describe("bench corruptions", () => {
  for (const dataset of ["gsm8k", "svamp", "hotpotqa"]) {
    it(`are the kind they declare on the ${dataset} sample, for the parsers and the grammars`, { timeout: 60_000 }, async () => {
      const spec = getDataset(dataset);
      const programs = [...spec.goldPrograms!(await spec.load(FIXTURES_DIR), FIXTURES_DIR)];
      const domain = await domainOf(dataset);
      const applied = new Map<string, number>();
      for (const formulation of ["iterative", "onetime"] as Formulation[]) {
        const constraints = moduleConstraints(domain, formulation, "auto");
        for (const program of programs) {
          for (const module of ["planner", "grounder"] as const) {
            programOutputs(program, module, formulation).forEach((gold, turn) => {
              const constraint = module === "grounder" ? constraints.grounder() : constraints.planner(turn === 0 ? [] : [{ role: "assistant", content: "" }]);
              const goldReading = reading(gold, module, formulation, domain);
              for (const family of CORRUPTIONS.filter((c) => c.module === module)) {
                const broken = family.apply(gold);
                if (broken === undefined) continue;
                applied.set(family.name, (applied.get(family.name) ?? 0) + 1);
                const what = `${family.name} (${formulation} ${module}): ${broken}`;
                const read = reading(broken, module, formulation, domain);
                const inGrammar = constraint.check(broken).verdict === "match";
                if (family.kind === "format") expect(read.format, what).toBe(true);
                else expect(read, what).toEqual(family.kind === "harmless" ? goldReading : expect.objectContaining({ format: false }));
                if (family.kind === "semantic") expect(read, what).not.toEqual(goldReading);
                expect(inGrammar, what).toBe(family.kind === "semantic");
              }
            });
          }
        }
      }
      // every family that fits the dataset's lines was tried
      expect(applied.size).toBeGreaterThanOrEqual(dataset === "gsm8k" ? 13 : 11);
    });
  }

  it("corrupt replies by key alone, at the given rate", () => {
    const gold = "R1 = Calculator(16-3-4); R2 = Calculator(R1*2)";
    const replies = Array.from({ length: 2000 }, (_, i) => noisyReply(gold, "grounder", `task-${i}`, 0.2));
    const broken = replies.filter((r) => r.family).length;
    expect(broken).toBeGreaterThan(300);
    expect(broken).toBeLessThan(500);
    expect(noisyReply(gold, "grounder", "task-7", 0.2)).toEqual(replies[7]);
    expect(noisyReply(gold, "grounder", "task-7", 0).line).toBe(gold);
  });
});
