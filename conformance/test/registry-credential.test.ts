/**
 * A registry that refuses anonymous writes (the reference gateway with an operator token) is doing
 * right: without --registry-token the write checks are "not verified", never failed or passed, and
 * the responses still match the spec; with the token they all run and pass.
 */
import { createGateway } from "@mcp-contract/reference-server";
import { startServer } from "@mcp-contract/test-helpers";
import { describe, expect, it } from "vitest";
import { allChecks } from "../src/checks/registry.js";
import { parseCheckOptions } from "../src/command/parse-options.js";
import { runChecks } from "../src/runner.js";

const WRITES = allChecks.filter((check) => check.group === "registry" && check.id !== "registry-responses-valid").map((check) => check.id);

async function runRegistry(registryToken: string | undefined) {
  const gateway = createGateway({ config: { adminTokens: ["operator-1"] }, log: () => undefined, registry: { databasePath: ":memory:", upstreamHostAllowlist: ["127.0.0.1"] } });
  await using running = await startServer(gateway.app.server);
  try {
    return await runChecks({
      sseUrl: new URL(`${running.url}/v1/mcp/sse`),
      registryUrl: new URL(running.url),
      ...(registryToken && { registryToken }),
      profile: "auto",
      headers: {},
      credentialHeaders: [],
      timeoutMs: 3000,
      only: ["registry"],
    });
  } finally {
    await gateway.close();
  }
}

describe("registry checks and the operator credential", () => {
  it("leaves every write check not verified without --registry-token, saying how to give it", async () => {
    const report = await runRegistry(undefined);
    const statuses = Object.fromEntries(report.results.map((r) => [r.id, r.status]));
    expect(statuses).toEqual({ ...Object.fromEntries(WRITES.map((id) => [id, "not-verified"])), "registry-responses-valid": "passed" });
    for (const result of report.results.filter((r) => r.status === "not-verified")) expect(result.message).toContain("--registry-token");
    expect(report.outcome).toBe("pass");
  });

  it("runs and passes every registry check with --registry-token", async () => {
    const report = await runRegistry("operator-1");
    expect(report.results.map((r) => [r.id, r.status])).toEqual([...WRITES, "registry-responses-valid"].map((id) => [id, "passed"]));
  });

  it("takes --registry-token only with --registry", () => {
    expect(parseCheckOptions(["http://127.0.0.1:1/sse"], { "registry-token": "t" })).toEqual({ error: expect.stringContaining("--registry-token needs --registry") });
    const parsed = parseCheckOptions(["http://127.0.0.1:1/sse"], { registry: "http://127.0.0.1:1", "registry-token": " t " });
    expect("run" in parsed && parsed.run.registryToken).toBe("t");
  });
});
