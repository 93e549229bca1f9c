/**
 * The reference server passes every check that applies, in every dialect, under --strict: no
 * failure, no warning, and only the skips that are expected (another dialect's checks, and the
 * opt-in ones when their option is not given).
 */
import { createGateway, type AppOptions } from "@mcp-contract/reference-server";
import { startServer } from "@mcp-contract/test-helpers";
import { afterAll, describe, expect, it } from "vitest";
import { transportsOf } from "../src/check.js";
import { allChecks } from "../src/checks/registry.js";
import { runChecks, type RunOptions } from "../src/runner.js";
import { problems } from "./run-fixture.js";

const SPICE = "/v1/mcp/sse";
const OPENSEARCH = "/_plugins/_ml/mcp/sse";
const CELONIS = "/studio-copilot/api/v1/mcp-servers/mcp/builtin";
const CELONIS_ONLY = ["celonis-sync-answer", "celonis-unknown-asset-404", "celonis-rate-limit-shape"];
const SESSION_ONLY = ["post-missing-session-400", "post-unknown-session-404", "post-closed-session-404"];
const REGISTRY = allChecks.filter((check) => check.group === "registry").map((check) => check.id);
const idsFor = (kind: "http+sse" | "stateful" | "modern"): string[] =>
  allChecks.filter((check) => { const kinds = transportsOf(check); return kinds !== "all" && kinds.includes(kind); }).map((check) => check.id);
/** On an HTTP+SSE path the Streamable checks are skipped, and the other way round. */
const STREAMABLE = [...new Set([...idsFor("stateful"), ...idsFor("modern")])];
const SSE_ONLY = idsFor("http+sse");

/** name, stream path, config, run options (`registryUrl: true` checks the gateway's registry), expected skips. */
type Case = [string, string, AppOptions["config"], Partial<Omit<RunOptions, "registryUrl">> & { registryUrl?: true }, string[]];

const CASES: Case[] = [
  // The registry's writes need the operator token (issue 11), sent beside the API key.
  ["Spice with an API key, and the registry", SPICE, { apiKeys: ["key-1"], adminTokens: ["admin-1"], keepAliveMs: 100 }, { headers: { "X-API-Key": "key-1", Authorization: "Bearer admin-1" }, credentialHeaders: ["x-api-key", "authorization"], keepaliveWaitMs: 1000, registryUrl: true }, [...CELONIS_ONLY, "opensearch-append-to-base-url", ...STREAMABLE]],
  ["OpenSearch, default endpoint data", OPENSEARCH, {}, {}, ["sse-keepalive", "security-auth-enforced", ...CELONIS_ONLY, ...REGISTRY, ...STREAMABLE]],
  ["OpenSearch, append_to_base_url=true", `${OPENSEARCH}?append_to_base_url=true`, {}, {}, ["sse-keepalive", "security-auth-enforced", ...CELONIS_ONLY, ...REGISTRY, ...STREAMABLE]],
  ["Celonis asset builtin with a bearer token", CELONIS, { bearerTokens: ["token-1"] }, { headers: { Authorization: "Bearer token-1" }, credentialHeaders: ["authorization"] }, ["sse-keepalive", ...SESSION_ONLY, "celonis-rate-limit-shape", "opensearch-append-to-base-url", ...REGISTRY, ...STREAMABLE]],
  ["/mcp, dual-era", "/mcp", {}, {}, [...SSE_ONLY, ...REGISTRY, "modern-only-get-405"]],
  ["/mcp, modern only", "/mcp", { eras: "modern" }, {}, [...SSE_ONLY, ...REGISTRY, ...idsFor("stateful").filter((id) => !idsFor("modern").includes(id))]],
  ["/mcp, 2025 sessions only", "/mcp", { eras: "legacy" }, {}, [...SSE_ONLY, ...REGISTRY, ...idsFor("modern").filter((id) => !idsFor("stateful").includes(id))]],
  ["Celonis rate limit", CELONIS, { rateLimitPerMinute: 5 }, { rateLimit: 5, only: ["celonis-rate-limit-shape"] }, []],
];

describe.concurrent("the reference server", () => {
  const passed = new Set<string>();
  afterAll(() => {
    // Together the cases show every check passing against the reference server at least once.
    expect(allChecks.map((check) => check.id).filter((id) => !passed.has(id))).toEqual([]);
  });

  it.each(CASES)("passes every applicable check under --strict: %s", async (_, path, config, { registryUrl, ...options }, skipped) => {
    const gateway = createGateway({ config, log: () => undefined, registry: { databasePath: ":memory:", upstreamHostAllowlist: ["127.0.0.1"] } });
    const running = await startServer(gateway.app.server);
    try {
      const report = await runChecks({
        sseUrl: new URL(running.url + path),
        ...(registryUrl && { registryUrl: new URL(running.url) }),
        profile: "auto",
        headers: {},
        credentialHeaders: [],
        timeoutMs: 3000,
        strict: true,
        ...options,
      });
      expect(problems(report)).toEqual({});
      expect(report.results.filter((r) => r.status === "skipped").map((r) => r.id).sort()).toEqual([...skipped].sort());
      expect(report).toMatchObject({ outcome: "pass", summary: { failed: 0, warnings: 0 } });
      // An INFO check never passes: recording an observation against the reference server is its run.
      for (const result of report.results) if (result.status === "passed" || result.status === "observation") passed.add(result.id);
    } finally {
      await gateway.close();
    }
  });
});
