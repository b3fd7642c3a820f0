/**
 * Output folders of commands that write one (`eval`, `annotate`, `train-config`): `--out` naming an existing
 * file is a usage error, and a folder the command created is removed again when the command fails before it
 * wrote anything worth keeping, so a failed command never leaves an empty `runs/...` folder behind.
 */
import { existsSync, readdirSync, rmdirSync, rmSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { UsageError } from "./usageError.js";

/** Files a command writes before its first result; a folder holding only these (or empty files) holds nothing. */
const BOOKKEEPING = new Set(["run.json"]);

/** Throws a usage error when `path` exists and is not a directory. */
export function requireDirectoryTarget(path: string, flag = "--out"): void {
  if (existsSync(path) && !statSync(path).isDirectory()) {
    throw new UsageError(`${flag} ${path} is an existing file, not a directory: name a new or existing directory`);
  }
}

function holdsNothing(dir: string): boolean {
  try {
    return readdirSync(dir, { withFileTypes: true }).every((entry) => entry.isFile() && (BOOKKEEPING.has(entry.name) || statSync(join(dir, entry.name)).size === 0));
  } catch {
    return false;
  }
}

/**
 * Runs `body`, which may create `dir`; if it throws and `dir` did not exist before and holds nothing but
 * bookkeeping files or empty files, `dir` is removed, and so are the parents created with it when they are left
 * empty (`runs/` of a first run); then the error is rethrown.
 */
export async function cleanUpOnFailure<T>(dir: string, body: () => Promise<T>): Promise<T> {
  const missing: string[] = [];
  for (let path = resolve(dir); !existsSync(path) && dirname(path) !== path; path = dirname(path)) missing.push(path);
  try {
    return await body();
  } catch (error) {
    const [target, ...parents] = missing;
    if (target !== undefined && existsSync(target) && holdsNothing(target)) {
      rmSync(target, { recursive: true, force: true });
      for (const parent of parents) {
        try {
          if (readdirSync(parent).length > 0) break;
          rmdirSync(parent);
        } catch {
          break;
        }
      }
    }
    throw error;
  }
}
