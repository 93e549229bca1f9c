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
import { OPENSEARCH_DEVIATIONS } from "./streamable-defect-table.js";

const SPICE = "/v1/mcp/sse";
const OPENSEARCH = "/_plugins/_ml/mcp/sse";
const CELONIS = "/studio-copilot/api/v1/mcp-servers/mcp/builtin";
const CELONIS_ONLY = ["celonis-sync-answer", "celonis-unknown-asset-404", "celonis-rate-limit-shape"];
const REGISTRY = allChecks.filter((check) => check.group === "registry").map((check) => check.id);
const idsFor = (kind: "http+sse" | "stateful" | "stateless" | "modern"): string[] =>
  allChecks.filter((check) => { const kinds = transportsOf(check); return kinds !== "all" && kinds.includes(kind); }).map((check) => check.id);
/** On an HTTP+SSE path the Streamable checks are skipped, and the other way round. */
const STREAMABLE = [...new Set([...idsFor("stateful"), ...idsFor("modern")])];
const SSE_ONLY = idsFor("http+sse");

/** The checks a profile's own list leaves out. */
const notForProfile = (profile: string): string[] => allChecks.filter((check) => check.profiles !== "all" && !check.profiles.includes(profile as never)).map((check) => check.id);
const STATELESS = idsFor("stateless");
/** The 2025 Streamable HTTP checks that have no modern probe. */
/** Skipped where the run gives no credentials (and on Spice's /v1/mcp, which spice-mcp-api-key checks). */
const STREAMABLE_AUTH = "streamable-auth-enforced";
const LEGACY_STREAMABLE_ONLY = [...new Set([...idsFor("stateful"), ...STATELESS])].filter((id) => !idsFor("modern").includes(id));

/**
 * name, stream path, config, run options (`registryUrl: true` checks the gateway's registry),
 * expected skips, and the deviations the vendor profile names (reported as such, not failures).
 */
type Case = [string, string, AppOptions["config"], Partial<Omit<RunOptions, "registryUrl">> & { registryUrl?: true }, string[], string[]?];

const CASES: Case[] = [
  // The registry's writes need the operator token (issue 11), sent beside the API key.
  ["Spice with an API key, and the registry", SPICE, { apiKeys: ["key-1"], adminTokens: ["admin-1"], keepAliveMs: 100 }, { headers: { "X-API-Key": "key-1", Authorization: "Bearer admin-1" }, credentialHeaders: ["x-api-key", "authorization"], keepaliveWaitMs: 1000, registryUrl: true }, [...CELONIS_ONLY, "opensearch-append-to-base-url", ...STREAMABLE]],
  ["OpenSearch, default endpoint data", OPENSEARCH, {}, {}, ["sse-keepalive", "security-auth-enforced", ...CELONIS_ONLY, ...REGISTRY, ...STREAMABLE]],
  ["OpenSearch, append_to_base_url=true", `${OPENSEARCH}?append_to_base_url=true`, {}, {}, ["sse-keepalive", "security-auth-enforced", ...CELONIS_ONLY, ...REGISTRY, ...STREAMABLE]],
  // The asset path is HTTP+SSE by its URL and modern too (server/discover answers): both kinds' checks run, the 2025 ones do not.
  ["Celonis asset builtin with a bearer token", CELONIS, { bearerTokens: ["token-1"] }, { headers: { Authorization: "Bearer token-1" }, credentialHeaders: ["authorization"] }, [...new Set(["sse-keepalive", "celonis-rate-limit-shape", ...REGISTRY, ...notForProfile("celonis"), ...LEGACY_STREAMABLE_ONLY, "modern-only-get-405"])]],
  // confirm is the reference server's tool that needs elicitation (modern-missing-client-capability).
  ["/mcp, dual-era", "/mcp", {}, { capabilityTool: { name: "confirm" } }, [...new Set([...SSE_ONLY, ...REGISTRY, ...notForProfile("generic"), "modern-only-get-405", STREAMABLE_AUTH])]],
  ["/mcp, modern only", "/mcp", { eras: "modern" }, { capabilityTool: { name: "confirm" } }, [...new Set([...SSE_ONLY, ...REGISTRY, ...notForProfile("generic"), ...idsFor("stateful").filter((id) => !idsFor("modern").includes(id)), STREAMABLE_AUTH])]],
  ["/mcp, 2025 sessions only", "/mcp", { eras: "legacy" }, {}, [...new Set([...SSE_ONLY, ...REGISTRY, ...notForProfile("generic"), ...idsFor("modern").filter((id) => !idsFor("stateful").includes(id)), STREAMABLE_AUTH])]],
  // A bearer token, varied as a bearer token (a wrong one stays well formed), in both eras.
  ["/mcp, dual-era, with a bearer token", "/mcp", { bearerTokens: ["token-1"] }, { headers: { Authorization: "Bearer token-1" }, credentialHeaders: ["authorization"], capabilityTool: { name: "confirm" } }, [...new Set([...SSE_ONLY, ...REGISTRY, ...notForProfile("generic"), "modern-only-get-405"])]],
  ["Spice /v1/mcp (dual-era, X-API-Key)", "/v1/mcp", { apiKeys: ["key-1"] }, { headers: { "X-API-Key": "key-1" }, credentialHeaders: ["x-api-key"] }, [...new Set([...SSE_ONLY, ...REGISTRY, ...notForProfile("spice"), "modern-only-get-405", STREAMABLE_AUTH])]],
  [
    "OpenSearch /_plugins/_ml/mcp (stateless, JSON only)",
    "/_plugins/_ml/mcp",
    {},
    {},
    [...new Set([...SSE_ONLY, ...REGISTRY, ...notForProfile("opensearch"), ...allChecks.map((check) => check.id).filter((id) => !STATELESS.includes(id)), "legacy-sse-priming", "streamable-sse-framing", STREAMABLE_AUTH])],
    OPENSEARCH_DEVIATIONS,
  ],
  ["Celonis rate limit", CELONIS, { rateLimitPerMinute: 5 }, { rateLimit: 5, only: ["celonis-rate-limit-shape"] }, []],
];

describe.concurrent("the reference server", () => {
  const passed = new Set<string>();
  afterAll(() => {
    // Together the cases show every check passing against the reference server at least once.
    expect(allChecks.map((check) => check.id).filter((id) => !passed.has(id))).toEqual([]);
  });

  it.each(CASES)("passes every applicable check under --strict: %s", async (_, path, config, { registryUrl, ...options }, skipped, deviations = []) => {
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
      expect(report.results.filter((r) => r.status === "deviation").map((r) => r.id).sort()).toEqual([...deviations].sort());
      expect(report).toMatchObject({ outcome: "pass", summary: { failed: 0, warnings: 0 } });
      // An INFO check never passes: recording an observation against the reference server is its run;
      // so is naming the deviation the OpenSearch dialect documents (the reference server speaks it).
      for (const result of report.results) if (["passed", "observation", "deviation"].includes(result.status)) passed.add(result.id);
    } finally {
      await gateway.close();
    }
  });
});
