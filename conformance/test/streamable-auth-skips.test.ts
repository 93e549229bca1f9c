/**
 * When streamable-auth-enforced does not run, it says why and how to make it run; it never passes
 * for lack of credentials. On Spice's /v1/mcp it leaves the key to spice-mcp-api-key, which runs.
 */
import { describe, expect, it } from "vitest";
import { runChecks } from "../src/runner.js";
import { STREAMABLE_FIXTURE_API_KEY, startStreamableDefect } from "./fixtures/streamable-defect-proxy.js";

const run = (url: string, headers: Record<string, string>) =>
  runChecks({ sseUrl: new URL(url), profile: "auto", headers, credentialHeaders: Object.keys(headers).map((name) => name.toLowerCase()), timeoutMs: 2000, strict: true, only: ["streamable-auth-enforced", "spice-mcp-api-key"] });

describe("streamable-auth-enforced skips", () => {
  it("is skipped without credentials, naming the options that enable it", async () => {
    // A server that wants credentials would stop the run at detection (401): one that does not lets the check decide.
    await using proxy = await startStreamableDefect(undefined, "both", "/mcp");
    const report = await run(proxy.url, {});
    expect(report.results.find((r) => r.id === "streamable-auth-enforced")).toMatchObject({
      status: "skipped",
      message: "no credentials given: pass --bearer <token> or --header 'X-API-Key: <key>' to check that they are enforced",
    });
  });

  it("leaves Spice's /v1/mcp to spice-mcp-api-key, which checks the key there", async () => {
    await using proxy = await startStreamableDefect(undefined, "both", "/v1/mcp", { apiKey: true });
    const report = await run(proxy.url, { "X-API-Key": STREAMABLE_FIXTURE_API_KEY });
    const status = Object.fromEntries(report.results.map((r) => [r.id, [r.status, r.message]]));
    expect(status["streamable-auth-enforced"]).toEqual(["skipped", expect.stringMatching(/^Spice's \/v1\/mcp: spice-mcp-api-key checks its X-API-Key/)]);
    expect(status["spice-mcp-api-key"]?.[0]).toBe("passed");
  });
});
