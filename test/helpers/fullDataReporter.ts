/**
 * Prints, once per run and after the summary, how to enable the tests that were skipped because they need whole
 * benchmark files (see datasets.ts). A reporter rather than a globalSetup: only after collection is the number
 * of such tests known, and a setup file would print once per test file.
 */
import type { Reporter, TestModule, Vitest } from "vitest/node";
import { FULL_DATA_ENV, FULL_DATA_TAG, fullDataDir } from "./fullDataEnv.js";

export function skippedDataLine(count: number): string {
  return (
    `data tests skipped: set ${FULL_DATA_ENV}=../shared/datasets (or a directory filled by \`lumos data pull <dataset>\`) ` +
    `to run ${count} test${count === 1 ? "" : "s"} that need${count === 1 ? "s" : ""} whole benchmark files`
  );
}

export default class FullDataReporter implements Reporter {
  private vitest: Vitest | undefined;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    if (fullDataDir() !== undefined) return;
    let skipped = 0;
    for (const module of testModules) {
      for (const test of module.children.allTests("skipped")) if (test.tags.includes(FULL_DATA_TAG)) skipped++;
    }
    if (skipped === 0) return;
    const line = skippedDataLine(skipped);
    if (this.vitest) this.vitest.logger.log(line);
    else console.log(line);
  }
}
