import { tool } from "@langchain/core/tools";
import type { BaseLanguageModelInterface } from "@langchain/core/language_models/base";
import { z } from "zod";
import { MathError, quoted } from "../../src/math/errors.js";
import { formatNumber } from "../../src/math/format.js";
import { textOf } from "../../src/models/text.js";
import { ToolResourceError, ToolTimeoutError } from "../../src/isolation/errors.js";
import type { JobRunner } from "../../src/isolation/pool.js";
import { DEFAULT_SANDBOX_LIMITS, runSandboxed, type SandboxLimits } from "../../src/sandbox/quickjs.js";
import { runMathsJob, type MathsIsolationOptions } from "./isolation.js";

export interface CodeToolOptions extends MathsIsolationOptions {
  /** Writes a JavaScript function for pseudo code that is not a simple form. Without it those fail clearly. */
  codeModel?: BaseLanguageModelInterface;
  /** Limits of the QuickJS sandbox (default 1 s, 32 MiB, 64 KiB result). */
  limits?: SandboxLimits;
}

export const CODE_PROMPT =
  "Write a JavaScript function named solve that takes no arguments and returns the result of the following pseudo code " +
  "as a number, a string or a boolean. Use only plain JavaScript (no imports, no I/O). Reply with the code only.\n\n" +
  "Pseudo code: {pseudo_code}\n";

/** Extracts the code from a reply that may wrap it in a Markdown fence. */
export function extractCode(reply: string): string {
  const fenced = /```(?:javascript|js|typescript|ts)?\s*\n([\s\S]*?)```/i.exec(reply);
  return (fenced ? fenced[1] : reply).trim();
}

/**
 * Runs model-written code in the sandbox (isolated, see src/sandbox/quickjs.ts) and formats its value like the
 * other maths tools. Over the time limit it fails with a ToolTimeoutError, over the memory or result limit with
 * a ToolResourceError, otherwise with a MathError that says why.
 */
export async function runGeneratedCode(
  code: string,
  limits: SandboxLimits = DEFAULT_SANDBOX_LIMITS,
  options: { pool?: JobRunner; signal?: AbortSignal } = {},
): Promise<string> {
  if (!/\bfunction\s+solve\b|\bsolve\s*=/.test(code)) throw new MathError("the generated code does not define solve()");
  const outcome = await runSandboxed(`${code}\n;solve();`, limits, options);
  if (!outcome.ok) {
    const message = `generated code failed: ${outcome.error}`;
    if (outcome.kind === "timeout") throw new ToolTimeoutError(message, "sandbox.run", limits.timeoutMs);
    if (outcome.kind === "memory") throw new ToolResourceError(message, "sandbox.run", "memory");
    if (outcome.kind === "result") throw new ToolResourceError(message, "sandbox.run", "result_size");
    throw new MathError(message);
  }
  const { value } = outcome;
  if (typeof value === "number") return formatNumber(value).text;
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "string") return value;
  throw new MathError(`generated code returned ${value === undefined ? "nothing" : value === null ? "null" : typeof value}, expected a number, string or boolean`);
}

/**
 * Code(pseudo_code): simple forms (`If R8 > 0, R8, -R8`) are evaluated directly; anything else is turned into
 * a JavaScript function by the code model and run in a QuickJS sandbox with time and memory limits. Both run
 * in the isolated worker pool.
 */
export function createCodeTool(options: CodeToolOptions = {}) {
  return tool(
    async ({ pseudo_code }, config) => {
      const signal = config?.signal;
      const simple = await runMathsJob<string | null>(options, "maths.pseudoCode", { code: pseudo_code }, signal);
      if (simple !== null) return simple;
      if (!options.codeModel) {
        throw new MathError(`${quoted(pseudo_code)} is not a simple form and no code model is configured (--code-model)`);
      }
      const reply = textOf(await options.codeModel.invoke(CODE_PROMPT.replace("{pseudo_code}", pseudo_code), { signal }));
      return runGeneratedCode(extractCode(reply), options.limits, { pool: options.pool, signal });
    },
    {
      name: "Code",
      description: "Generate a Python function that corresponds to the pseudo code",
      schema: z.object({ pseudo_code: z.string().describe("Pseudo code such as: If R8 > 0, R8, -R8") }),
    },
  );
}
