import { defineConfig, mergeConfig } from "vitest/config";
import { sharedTestConfig } from "../../vitest.shared.js";

// Type tests (*.test-d.ts) run with tsc inside `vitest run`: a wrong path or body fails the suite.
export default mergeConfig(
  sharedTestConfig,
  defineConfig({ test: { typecheck: { enabled: true, include: ["test/**/*.test-d.ts"] } } }),
);
