/** Shared option parsing for CLI commands: strict, with errors a user can act on. */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { parseModelSpec, ModelSpecError, MODEL_SPEC_HELP } from "../models/spec.js";
import { UsageError } from "./usageError.js";

export interface ParsedCommandArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

export function parseCommandArgs(argv: string[], options: NonNullable<ParseArgsConfig["options"]>): ParsedCommandArgs {
  try {
    const parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: parsed.values as ParsedCommandArgs["values"], positionals: parsed.positionals };
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ""));
  }
}

const HOW_TO_GET_A_MODEL =
  "serve a released checkpoint locally, e.g. `vllm serve ai2lumos/lumos_maths_plan_iterative --port 8000`, and pass completion:ai2lumos/lumos_maths_plan_iterative@http://127.0.0.1:8000/v1 (or use ollama:<model>, openai:<model> with OPENAI_API_KEY)";

/** Validates a required model spec option now, so a typo fails before any work starts. */
export function requireModelSpec(value: string | undefined, flag: string): string {
  if (value === undefined || value.trim() === "") {
    throw new UsageError(`missing ${flag} SPEC (${MODEL_SPEC_HELP}). To get a model: ${HOW_TO_GET_A_MODEL}`);
  }
  try {
    parseModelSpec(value);
  } catch (error) {
    if (error instanceof ModelSpecError) throw new UsageError(`${flag}: ${error.message}`);
    throw error;
  }
  return value;
}

export function positiveInteger(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} expects a positive integer, got "${value}"`);
  return n;
}

export function oneOf<T extends string>(value: string | undefined, flag: string, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} expects one of ${allowed.join(", ")}, got "${value}"`);
  return value as T;
}

/** A string flag's value, or undefined when it was not given (or given as a boolean). */
export function stringFlag(values: Record<string, unknown>, name: string): string | undefined {
  return typeof values[name] === "string" ? (values[name] as string) : undefined;
}
