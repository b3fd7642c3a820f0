/**
 * The built-in jobs: the CPU-bound work of the maths tools and the Code sandbox. They run in a worker of the
 * isolated pool (./worker.ts), or in the calling thread with createInProcessRunner (no isolation).
 */
import { calculate, defineValue, recordEquations } from "../math/calculate.js";
import { countItems } from "../math/count.js";
import { evaluateFormula } from "../math/engine.js";
import { solveEquations, solveInequality } from "../math/equations.js";
import type { MathLimits } from "../math/limits.js";
import { evaluateSimplePseudoCode } from "../math/pseudoCode.js";
import type { SandboxLimits } from "../sandbox/limits.js";
import type { JobContext } from "./protocol.js";

type Limits = { limits?: Partial<MathLimits> };

export const builtinJobs = {
  /** Calculator: the formula's value as text. */
  "maths.calculate": ({ formula, limits }: { formula: string } & Limits) => calculate(formula, limits),
  /** The maths engine's value of a formula (kind, text, approx or symbols). */
  "maths.evaluate": ({ formula, scope, limits }: { formula: string; scope?: Record<string, string> } & Limits) => evaluateFormula(formula, scope, limits),
  /** SetEquation: the equations as they will be solved. */
  "maths.setEquation": ({ equation, limits }: { equation: string } & Limits) => recordEquations(equation, limits),
  /** SolveEquation: one value per unknown. */
  "maths.solveEquations": ({ equation, wanted, limits }: { equation: string; wanted?: number } & Limits) => solveEquations(equation, wanted, limits),
  /** SolveInequality: `x > 2`. */
  "maths.solveInequality": ({ inequality, limits }: { inequality: string } & Limits) => solveInequality(inequality, limits),
  /** Count: the number of items. */
  "maths.count": ({ list, limits }: { list: string } & Limits) => countItems(list, limits),
  /** Define: a number normalised, or the expression as written. */
  "maths.define": ({ value, limits }: { value: string } & Limits) => defineValue(value, limits),
  /** Code's simple forms: the value, or null when the text needs a code model. */
  "maths.pseudoCode": ({ code, limits }: { code: string } & Limits) => evaluateSimplePseudoCode(code, limits) ?? null,
  /** Code's sandbox: model-written JavaScript in a fresh QuickJS module. */
  "sandbox.run": async ({ source, limits }: { source: string; limits: SandboxLimits }, context: JobContext) => {
    // loaded on first use: most workers never run the sandbox
    const { runQuickJS } = await import("../sandbox/quickjsRuntime.js");
    return runQuickJS(source, limits, { onStart: () => context.started() });
  },
};

export type BuiltinJob = keyof typeof builtinJobs;
