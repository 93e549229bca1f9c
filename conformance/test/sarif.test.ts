/**
 * The SARIF report validates against the official SARIF 2.1.0 schema (the one @microsoft/jest-sarif
 * ships, draft-04, so Ajv draft-04) for passing, failing, warning and never-answering runs, and maps
 * checks to rules and failures to results as the README documents.
 */
import type { Log } from "sarif";
import { describe, expect, it } from "vitest";
import type { Report } from "../src/report/model.js";
import { renderSarif } from "../src/report/sarif.js";
import { runChecks } from "../src/runner.js";
import { startNeverAnswers } from "./fixtures/never-answers.js";
import { sarifSchemaErrors } from "./report-schemas.js";
import { runAgainstFixture } from "./run-fixture.js";

async function reports(): Promise<Record<string, Report>> {
  await using silent = await startNeverAnswers();
  const [passing, failing, warning, never] = await Promise.all([
    runAgainstFixture({ dialect: "spice" }),
    runAgainstFixture({ defect: "bad-retry", apiKey: "k-123" }, { headers: { "X-API-Key": "k-123" }, credentialHeaders: ["x-api-key"] }),
    runAgainstFixture({ defect: "no-cache-control" }, { only: ["sse"], strict: false }),
    runChecks({ sseUrl: new URL(silent.url), profile: "auto", headers: {}, credentialHeaders: [], timeoutMs: 200 }),
  ]);
  return { passing: passing!, failing: failing!, warning: warning!, never: never! };
}

describe("the SARIF reporter", async () => {
  const all = await reports();
  const logs = Object.fromEntries(Object.entries(all).map(([name, report]) => [name, JSON.parse(renderSarif(report)) as Log]));

  it.each(Object.keys(all))("validates against the SARIF 2.1.0 schema (%s run)", (name) => {
    expect(sarifSchemaErrors(logs[name])).toEqual([]);
  });

  it("is checked by a validator that refuses what the schema forbids", () => {
    expect(sarifSchemaErrors({ version: "2.1.0", runs: [{ tool: { driver: { name: "x", informationUri: "not a uri", rules: [{}] } } }] })).not.toEqual([]);
  });

  it("has one run, a rule per check, and a result per failed or warning check", () => {
    for (const [name, report] of Object.entries(all)) {
      const run = logs[name]!.runs[0]!;
      expect(logs[name]!.runs).toHaveLength(1);
      expect(run.tool.driver).toMatchObject({ name: "mcp-contract", version: report.tool.version });
      expect(run.tool.driver).not.toHaveProperty("informationUri");
      expect(run.tool.driver.rules?.map((rule) => rule.id)).toEqual(report.results.map((r) => r.id));
      const problems = report.results.filter((r) => r.status === "failed" || r.status === "warning");
      expect(run.results?.map((r) => r.ruleId)).toEqual(problems.map((r) => r.id));
      expect(run.invocations?.[0]).toMatchObject({ executionSuccessful: true, exitCode: report.outcome === "pass" ? 0 : 1 });
    }
    expect(logs["passing"]!.runs[0]!.results).toEqual([]);
    expect(logs["failing"]!.runs[0]!.results?.length).toBeGreaterThan(0);
  });

  it("maps MUST to error and SHOULD to warning, and cites the reference", () => {
    const rules = logs["passing"]!.runs[0]!.tool.driver.rules ?? [];
    const framing = rules.find((rule) => rule.id === "sse-framing");
    expect(framing).toMatchObject({
      shortDescription: { text: expect.stringContaining("event-stream grammar") },
      helpUri: "https://html.spec.whatwg.org/multipage/server-sent-events.html#parsing-an-event-stream",
      defaultConfiguration: { level: "error" },
      properties: { level: "MUST", group: "sse" },
    });
    expect(rules.find((rule) => rule.id === "sse-cache-control")).toMatchObject({ defaultConfiguration: { level: "warning" }, properties: { level: "SHOULD" } });
    // A seed reference is not a URI: it stays in help and properties, never in helpUri.
    const seeded = rules.find((rule) => rule.id === "endpoint-session-id");
    expect(seeded).not.toHaveProperty("helpUri");
    expect(seeded?.help?.text).toContain("seed: spice-runtime-mcp-message.json");
  });

  it("gives a failed check an error result with the evidence and the target URL as its location", () => {
    const result = logs["failing"]!.runs[0]!.results?.find((r) => r.ruleId === "sse-framing");
    expect(result).toMatchObject({
      level: "error",
      kind: "fail",
      message: { text: expect.stringMatching(/retry value "1s"[\s\S]*\nrequest: GET http:\/\/127\.0\.0\.1:\d+\/v1\/mcp\/sse; response: 200/) },
      locations: [{ physicalLocation: { artifactLocation: { uri: all["failing"]!.target.url } }, logicalLocations: [{ fullyQualifiedName: expect.stringMatching(/^GET http/) }] }],
    });
    expect(renderSarif(all["failing"]!)).not.toContain("k-123");
  });

  it("gives a SHOULD finding a warning result; the exit code follows --strict", () => {
    const [result] = logs["warning"]!.runs[0]!.results ?? [];
    expect(result).toMatchObject({ ruleId: "sse-cache-control", level: "warning" });
    expect(logs["warning"]!.runs[0]!.invocations?.[0]?.exitCode).toBe(0);
    const strict = JSON.parse(renderSarif({ ...all["warning"]!, outcome: "fail", options: { ...all["warning"]!.options, strict: true } })) as Log;
    expect(strict.runs[0]!.invocations?.[0]?.exitCode).toBe(1);
  });
});
