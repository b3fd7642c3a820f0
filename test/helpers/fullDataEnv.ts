/** Where whole benchmark files come from in tests; no vitest import, so vitest.config.ts can load it too. */
import { resolve } from "node:path";

/** Tag of the tests that need whole benchmark files (declared in vitest.config.ts; `--tags-filter full-data`). */
export const FULL_DATA_TAG = "full-data";

/** The environment variable naming a directory of whole benchmark files. */
export const FULL_DATA_ENV = "LUMOS_DATA_DIR";

/** `LUMOS_DATA_DIR` resolved against the working directory, or undefined when it is unset or empty. */
export function fullDataDir(): string | undefined {
  const value = process.env[FULL_DATA_ENV];
  return value ? resolve(value) : undefined;
}
