/**
 * The vitest settings every workspace shares: tests beside the code and under test/, a JSON
 * report that .ci/summarize-tests.mjs totals, time-outs that bound each test (no test relies
 * on them to pass: they wait on events), and the wire-contract hook that fails a test whose
 * servers answered outside the OpenAPI specs (packages/test-helpers/src/wire-contract-setup.ts).
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export const sharedTestConfig = defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "scripts/**/*.test.ts"],
    reporters: ["default", ["json", { outputFile: "test-output/vitest.json" }]],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    setupFiles: [fileURLToPath(new URL("./packages/test-helpers/src/wire-contract-setup.ts", import.meta.url))],
  },
});
