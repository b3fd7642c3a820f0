/**
 * Benchmark data for tests.
 *
 * - `FIXTURES_DIR`: small committed samples (the first 100 items of each file, see test/fixtures/README.md) in the
 *   same layout as a data directory. Tests read these unless they genuinely need a whole benchmark file.
 * - `itWithFullData`: a test that needs whole benchmark files. It reads only `LUMOS_DATA_DIR` (never a guessed
 *   path): unset, the test is skipped (and the run prints one line saying how to enable it, see
 *   fullDataReporter.ts); set but wrong, the test fails and names the missing path.
 */
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { it } from "vitest";
import { FULL_DATA_ENV, FULL_DATA_TAG, fullDataDir } from "./fullDataEnv.js";

export { FULL_DATA_ENV, FULL_DATA_TAG, fullDataDir };

/** The committed samples, laid out like a data directory (`gsm8k/test.jsonl`, `svamp/test.json`, ...). */
export const FIXTURES_DIR = fileURLToPath(new URL("../fixtures/datasets", import.meta.url));

/**
 * The data directory holding `files` (paths such as `gsm8k/test.jsonl`); throws an error naming the missing path
 * when `LUMOS_DATA_DIR` is unset, is not a directory, or lacks one of the files.
 */
export function requireFullData(files: readonly string[]): string {
  const dir = fullDataDir();
  if (dir === undefined) throw new Error(`${FULL_DATA_ENV} is not set: this test needs whole benchmark files (${files.join(", ")})`);
  const named = `${FULL_DATA_ENV}=${process.env[FULL_DATA_ENV]}`;
  if (!existsSync(dir)) throw new Error(`${named}: ${dir} does not exist (it should hold ${files.join(", ")})`);
  if (!statSync(dir).isDirectory()) throw new Error(`${named}: ${dir} is not a directory (it should hold ${files.join(", ")})`);
  const missing = files.filter((f) => !existsSync(join(dir, f)));
  if (missing.length > 0) {
    const datasets = [...new Set(missing.map((f) => f.split("/")[0]))];
    throw new Error(
      `${named}: missing ${missing.map((f) => join(dir, f)).join(", ")} ` +
        `(run ${datasets.map((d) => `\`lumos data pull ${d} --data-dir ${dir}\``).join(" and ")}, or point ${FULL_DATA_ENV} at ../shared/datasets)`,
    );
  }
  return dir;
}

/**
 * A test that needs the whole benchmark `files`: skipped without `LUMOS_DATA_DIR`, failing with the missing path
 * when it is set but wrong, otherwise run with the data directory.
 */
export function itWithFullData(
  files: readonly string[],
  name: string,
  fn: (dataDir: string) => Promise<void> | void,
  timeout?: number,
): void {
  it(name, { tags: [FULL_DATA_TAG], skip: fullDataDir() === undefined, ...(timeout === undefined ? {} : { timeout }) }, async () => {
    await fn(requireFullData(files));
  });
}
