/**
 * Behaviour no specification states (406 for a partial Accept, 415 for text/plain) is reported as
 * an observation against the reference server's /mcp, in both eras: never a pass, never a
 * failure, and counted apart in every report format.
 */
import { createGateway } from "@mcp-contract/reference-server";
import { startServer } from "@mcp-contract/test-helpers";
import { describe, expect, it } from "vitest";
import { renderJunit } from "../src/report/junit.js";
import { summaryLine } from "../src/report/pretty.js";
import { renderSarif } from "../src/report/sarif.js";
import { runChecks } from "../src/runner.js";
import { reportSchemaErrors, sarifSchemaErrors } from "./report-schemas.js";

const INFO = ["streamable-accept-json-only", "streamable-content-type-text-plain"];

describe("observations", () => {
  it("are their own status in the summary, JSON, JUnit and SARIF", async () => {
    const gateway = createGateway({ config: {}, log: () => undefined, registry: { databasePath: ":memory:" } });
    await using running = await startServer(gateway.app.server);
    try {
      const report = await runChecks({ sseUrl: new URL(`${running.url}/mcp`), profile: "auto", headers: {}, credentialHeaders: [], timeoutMs: 3000, strict: true, only: INFO });
      expect(report.results.map((r) => [r.id, r.level, r.status])).toEqual(INFO.map((id) => [id, "INFO", "observation"]));
      expect(report.results.find((r) => r.id === "streamable-content-type-text-plain")?.message).toMatch(/^modern: .*got 415.*; 2025 \(2025-11-25 session\): .*got 415/);
      expect(report.summary).toMatchObject({ total: 2, passed: 0, failed: 0, warnings: 0, observations: 2 });
      expect(report.outcome).toBe("pass");
      expect(summaryLine(report)).toContain("0 passed, 0 failed, 0 warnings, 2 observations");
      expect(reportSchemaErrors(JSON.parse(JSON.stringify(report)))).toEqual([]);
      expect(renderJunit(report)).toMatch(/<skipped message="observation: modern: Accept: application\/json alone got 200/);
      const sarif = JSON.parse(renderSarif(report)) as { runs: { results: { ruleId: string; kind: string; level: string }[]; tool: { driver: { rules: { id: string; defaultConfiguration: { level: string } }[] } } }[] };
      expect(sarifSchemaErrors(sarif)).toEqual([]);
      expect(sarif.runs[0]?.results.map((r) => [r.ruleId, r.kind, r.level])).toEqual(INFO.map((id) => [id, "informational", "none"]));
      expect(sarif.runs[0]?.tool.driver.rules.map((r) => r.defaultConfiguration.level)).toEqual(["note", "note"]);
    } finally {
      await gateway.close();
    }
  });
});

describe("deviations", () => {
  it("name what a vendor profile documents, apart from passed and failed, in every report format", async () => {
    const gateway = createGateway({ config: {}, log: () => undefined, registry: { databasePath: ":memory:" } });
    await using running = await startServer(gateway.app.server);
    try {
      const report = await runChecks({ sseUrl: new URL(`${running.url}/_plugins/_ml/mcp`), profile: "auto", headers: {}, credentialHeaders: [], timeoutMs: 3000, strict: true, only: ["streamable-parse-error", "opensearch-mcp-json-only"] });
      expect(report.target).toMatchObject({ profile: "opensearch", profileSource: "url" });
      expect(report.results.map((r) => [r.id, r.status, r.message.match(/opensearch-[a-z0-9-]+/)?.[0]])).toEqual([
        ["streamable-parse-error", "deviation", "opensearch-errors-in-200"],
        ["opensearch-mcp-json-only", "deviation", "opensearch-json-only"],
      ]);
      expect(report.summary).toMatchObject({ passed: 0, failed: 0, warnings: 0, deviations: 2 });
      expect(report.outcome).toBe("pass");
      expect(summaryLine(report)).toContain("2 known deviations");
      expect(reportSchemaErrors(JSON.parse(JSON.stringify(report)))).toEqual([]);
      expect(renderJunit(report)).toMatch(/<skipped message="known deviation: 2025 \(2025-11-25 session\): opensearch-errors-in-200: -32700 came with HTTP 200/);
      const sarif = JSON.parse(renderSarif(report)) as { runs: { results: { ruleId: string; kind: string; level: string }[] }[] };
      expect(sarifSchemaErrors(sarif)).toEqual([]);
      expect(sarif.runs[0]?.results.map((r) => [r.kind, r.level])).toEqual([["informational", "none"], ["informational", "none"]]);
    } finally {
      await gateway.close();
    }
  });

  it("are failures on a server of another profile", async () => {
    const gateway = createGateway({ config: {}, log: () => undefined, registry: { databasePath: ":memory:" } });
    await using running = await startServer(gateway.app.server);
    try {
      // The same server, told it is generic: its 200 for a parse error is a plain warning again.
      const report = await runChecks({ sseUrl: new URL(`${running.url}/_plugins/_ml/mcp`), profile: "generic", headers: {}, credentialHeaders: [], timeoutMs: 3000, strict: true, only: ["streamable-parse-error"] });
      expect(report.results.map((r) => [r.id, r.status])).toEqual([["streamable-parse-error", "warning"]]);
      expect(report.outcome).toBe("fail");
    } finally {
      await gateway.close();
    }
  });
});
