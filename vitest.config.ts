import { defineConfig } from "vitest/config";
import { FULL_DATA_TAG } from "./test/helpers/fullDataEnv.js";
import FullDataReporter from "./test/helpers/fullDataReporter.js";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // tests that start several CLI processes take 10-25 s on two busy cores; 60 s still catches a hang
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // integration tests start servers on loopback; two cores in CI
    maxWorkers: 2,
    // tests that need whole benchmark files (LUMOS_DATA_DIR); the rest read test/fixtures/datasets
    tags: [{ name: FULL_DATA_TAG, description: "needs whole benchmark files: set LUMOS_DATA_DIR (skipped when unset)" }],
    // the JSON report is what .ci/run counts passed and failed tests from; the last reporter prints one line
    // when tests that need whole benchmark files were skipped
    reporters: ["default", "json", new FullDataReporter()],
    outputFile: { json: ".vitest-report.json" },
  },
});
