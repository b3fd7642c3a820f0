import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // integration tests start servers on loopback; two cores in CI
    maxWorkers: 2,
    // the JSON report is what .ci/run counts passed and failed tests from
    reporters: ["default", "json"],
    outputFile: { json: ".vitest-report.json" },
  },
});
