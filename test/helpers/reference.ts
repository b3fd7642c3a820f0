import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const SCRIPT = fileURLToPath(new URL("../reference/lumos_reference_prompts.py", import.meta.url));

export interface ReferenceSpec {
  domain?: "maths" | "qa";
  formulation: "iterative" | "onetime";
  task: string;
  plan_outputs: string[];
  ground_outputs: string[];
  results: Record<string, string>;
}

/** Prompts the reference implementation would send for these model outputs (see the Python file). */
export function referencePrompts(spec: ReferenceSpec): { module: "plan" | "ground"; prompt: string }[] {
  return JSON.parse(execFileSync("python3", [SCRIPT], { input: JSON.stringify(spec), encoding: "utf8" }));
}
