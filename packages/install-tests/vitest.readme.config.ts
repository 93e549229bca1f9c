/**
 * `npm run test:readme`: the README's Quick start in a fresh clone (test/*.e2e.ts). Slow, so not
 * part of `npm test`; each step carries its own bound.
 */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.e2e.ts"],
    reporters: ["default", ["json", { outputFile: "test-output/readme-quick-start.json" }]],
    testTimeout: 600_000,
    hookTimeout: 60_000,
  },
});
