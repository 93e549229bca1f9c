/**
 * The registry checks: they pass against the reference server's registry and a correct fixture,
 * each fails against a fixture with one defect (and nothing else does), they clean up every probe
 * server and never touch the registry's other servers, and without --registry they are skipped.
 */
import { createApp, createRegistry } from "@mcp-contract/reference-server";
import { startServer } from "@mcp-contract/test-helpers";
import { describe, expect, it } from "vitest";
import { allChecks } from "../src/checks/registry.js";
import type { Report } from "../src/report/model.js";
import { runChecks } from "../src/runner.js";
import { expectVerdicts } from "./expectations.js";
import { startRegistryFixture, type RegistryDefect } from "./fixtures/registry-fixture.js";
import { REGISTRY_CASES } from "./registry-defect-table.js";
import { problems } from "./run-fixture.js";

const REGISTRY_IDS = allChecks.filter((check) => check.group === "registry").map((check) => check.id);

/** The reference registry's operator token (its writes need it, issue 11). */
const OPERATOR = "operator-conformance-5e2d";

function runRegistryChecks(base: string, only: readonly string[] = ["registry"], headers: Record<string, string> = {}): Promise<Report> {
  return runChecks({ sseUrl: new URL(`${base}/v1/mcp/sse`), registryUrl: new URL(base), profile: "auto", headers, credentialHeaders: [], timeoutMs: 2000, strict: true, only });
}

async function againstFixture(defect?: RegistryDefect): Promise<Report> {
  await using fixture = await startRegistryFixture(defect);
  return await runRegistryChecks(fixture.url);
}

/** The registry's servers, read straight from its list (not through the checks). */
async function listed(base: string, headers: Record<string, string> = {}): Promise<{ id: string; server_name: string }[]> {
  const response = await fetch(`${base}/v1/mcp-servers?limit=100`, { headers, signal: AbortSignal.timeout(2000) });
  return (await response.json()) as { id: string; server_name: string }[];
}

describe.concurrent("the registry checks", () => {
  it.each([
    ["with stdio allowed (env values read back)", ["node"]],
    ["with stdio refused (403)", []],
  ])("pass against the reference server's registry %s, leaving only the servers they found", async (_, stdioAllowlist) => {
    // The check registers `node --version`, which names no script: only a registry that lets
    // registrations pass interpreter arguments unchecked accepts it.
    const registry = createRegistry({ databasePath: ":memory:", stdioAllowlist, stdioAllowCodeFlags: true, adminTokens: [OPERATOR], upstreamHostAllowlist: ["127.0.0.1"], logger: () => undefined });
    const app = createApp({ config: { adminTokens: [OPERATOR] }, routes: [registry.routes], toolSources: [registry.tools], log: () => undefined });
    const operator = { authorization: `Bearer ${OPERATOR}` };
    await using running = await startServer(app.server);
    try {
      const created = await fetch(`${running.url}/v1/mcp-servers`, {
        method: "POST",
        headers: { "content-type": "application/json", ...operator },
        body: JSON.stringify({ server_name: "someone-elses", mcp_server_type: "sse", server_url: "http://127.0.0.1:9/theirs" }),
      });
      expect(created.status).toBe(201);
      const before = await listed(running.url, operator);
      const report = await runRegistryChecks(running.url, ["registry"], operator);
      expect(problems(report)).toEqual({});
      expect(report.results.map((r) => [r.id, r.status])).toEqual(REGISTRY_IDS.map((id) => [id, "passed"]));
      expect(report.target.registryUrl).toBe(new URL(running.url).href);
      const secrets = report.results.find((r) => r.id === "registry-secrets-redacted");
      expect(secrets?.evidence?.notes ?? []).toEqual(stdioAllowlist.length > 0 ? [] : [expect.stringContaining("creating a stdio server (command node) answered 403")]);
      expect(await listed(running.url, operator)).toEqual(before);
    } finally {
      await app.close();
      await registry.close();
    }
  });

  it("leave the probe-creating checks not verified under the reference server's default host policy, naming the 403 and how to allow it", async () => {
    // No upstreamHostAllowlist: the gateway rightly refuses the probes' loopback upstream (SSRF guard).
    const registry = createRegistry({ databasePath: ":memory:", stdioAllowlist: [], adminTokens: [OPERATOR], logger: () => undefined });
    const app = createApp({ config: { adminTokens: [OPERATOR] }, routes: [registry.routes], toolSources: [registry.tools], log: () => undefined });
    await using running = await startServer(app.server);
    try {
      const report = await runRegistryChecks(running.url, ["registry"], { authorization: `Bearer ${OPERATOR}` });
      const creating = ["registry-crud-round-trip", "registry-duplicate-name-409", "registry-secrets-redacted", "registry-refresh-unreachable-502"];
      expect(report.results.map((r) => [r.id, r.status])).toEqual(REGISTRY_IDS.map((id) => [id, creating.includes(id) ? "not-verified" : "passed"]));
      for (const result of report.results.filter((r) => creating.includes(r.id))) {
        expect(result.message).toMatch(/: 403, the registry refuses the probe's loopback upstream http:\/\/127\.0\.0\.1:9\/sse .*--allow-upstream-host 127\.0\.0\.1/);
      }
      expect(report).toMatchObject({ outcome: "pass", summary: { failed: 0, notVerified: creating.length } });
      expect(await listed(running.url, { authorization: `Bearer ${OPERATOR}` })).toEqual([]);
    } finally {
      await app.close();
      await registry.close();
    }
  });

  it("pass against a correct fixture registry, and leave it empty", async () => {
    await using fixture = await startRegistryFixture();
    const report = await runRegistryChecks(fixture.url);
    expect(problems(report)).toEqual({});
    expect(report.summary).toMatchObject({ passed: REGISTRY_IDS.length, failed: 0 });
    expect(await listed(fixture.url)).toEqual([]);
  });

  it.each(REGISTRY_CASES)("fail exactly the checks for the defect %s", async (defect, expected) => {
    expectVerdicts(await againstFixture(defect), expected);
  });

  it("judge the spec on their own when registry-responses-valid runs alone", async () => {
    await using fixture = await startRegistryFixture("bad-timestamps");
    const report = await runRegistryChecks(fixture.url, ["registry-responses-valid"]);
    // An empty registry has no timestamps to get wrong: the check's own reads are as documented.
    expect(report.results).toEqual([expect.objectContaining({ id: "registry-responses-valid", status: "passed", message: "all 2 registry responses of the run match the spec" })]);
  });

  it("are skipped, saying why, without --registry", async () => {
    const report = await runChecks({ sseUrl: new URL("http://127.0.0.1:9/v1/mcp/sse"), profile: "auto", headers: {}, credentialHeaders: [], timeoutMs: 200, only: ["registry"] });
    expect(report.results.map((r) => [r.id, r.status])).toEqual(REGISTRY_IDS.map((id) => [id, "skipped"]));
    expect(report.results[0]?.message).toMatch(/only with --registry <base-url>/);
  });
});
