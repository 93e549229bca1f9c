/**
 * Every Streamable HTTP check is proven able to fail: each case puts one defect in front of the
 * reference server's /mcp and expects exactly the checks for it to fail (or warn), the checks
 * that require them to fail as "prerequisite … failed", and every other one to pass or skip.
 */
import { describe, it } from "vitest";
import { expectVerdicts } from "./expectations.js";
import { runChecks } from "../src/runner.js";
import { STREAMABLE_FIXTURE_API_KEY, startStreamableDefect } from "./fixtures/streamable-defect-proxy.js";
import { STREAMABLE_CASES } from "./streamable-defect-table.js";

// One at a time: each case starts a whole gateway, and the two cores are shared with other suites.
describe("Streamable HTTP defects", () => {
  it.each(STREAMABLE_CASES)("%s: fails exactly the checks for it", async (defect, expected, eras = "both", path = "/mcp", setup = {}) => {
    await using proxy = await startStreamableDefect(defect, eras, path, setup);
    const headers: Record<string, string> = setup.apiKey ? { "X-API-Key": STREAMABLE_FIXTURE_API_KEY } : {};
    const report = await runChecks({ sseUrl: new URL(proxy.url), profile: "auto", headers, credentialHeaders: Object.keys(headers).map((name) => name.toLowerCase()), timeoutMs: 2000, strict: true, capabilityTool: { name: "confirm" }, only: ["streamable", "modern", "spice", "opensearch"] });
    expectVerdicts(report, expected);
  });
});
