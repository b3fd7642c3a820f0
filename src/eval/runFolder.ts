/**
 * A run folder knows what it is: run.json records what defines the run (dataset, formulation, models,
 * subset, limit, round limit, domain options). `--resume` continues only the same run and otherwise names
 * every difference, so results of two different configurations never mix in one predictions.jsonl.
 */
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

export type RunIdentity = Record<string, string | number | boolean | null | Record<string, unknown>>;

export class RunMismatchError extends Error {
  override name = "RunMismatchError";
}

export function runIdentityPath(outDir: string): string {
  return join(outDir, "run.json");
}

/** The differences between two identities, as "key: was X, now Y" lines (empty when they agree). */
export function identityDifferences(previous: RunIdentity, current: RunIdentity): string[] {
  const keys = [...new Set([...Object.keys(previous), ...Object.keys(current)])].sort();
  const show = (v: unknown) => (v === undefined ? "(not set)" : JSON.stringify(v));
  return keys.filter((k) => JSON.stringify(previous[k] ?? null) !== JSON.stringify(current[k] ?? null)).map((k) => `${k}: was ${show(previous[k])}, now ${show(current[k])}`);
}

/** Checks a resumed run against the folder's run.json; throws naming every difference. */
export async function checkResumedRun(outDir: string, current: RunIdentity): Promise<void> {
  const path = runIdentityPath(outDir);
  if (!existsSync(path)) return; // a folder from before run.json existed: nothing to compare with
  let previous: RunIdentity;
  try {
    previous = JSON.parse(await readFile(path, "utf8")) as RunIdentity;
  } catch (error) {
    throw new RunMismatchError(`${path} is not readable JSON (${(error as Error).message}); cannot tell which run this folder holds`);
  }
  const differences = identityDifferences(previous, current);
  if (differences.length > 0) {
    throw new RunMismatchError(`--resume: ${outDir} holds a different run (${differences.join("; ")}). Resume with the same options, or choose another --out`);
  }
}

export async function writeRunIdentity(outDir: string, identity: RunIdentity): Promise<void> {
  await writeFile(runIdentityPath(outDir), `${JSON.stringify(identity, null, 2)}\n`);
}
