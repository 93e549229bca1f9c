/**
 * The SARIF report validates against the official SARIF 2.1.0 schema (the one @microsoft/jest-sarif
 * ships, draft-04, so Ajv draft-04) for passing, failing, warning and never-answering runs, and maps
 * checks to rules and failures to results as the README documents. Its locations follow GitHub code
 * scanning's ingestion rules, which the schema does not express: every result has a location, and a
 * physical one is a file of the repository, named by a relative path without a URI scheme.
 * @see https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Location, Log, Result } from "sarif";
import { describe, expect, it } from "vitest";
import { resolveSarifArtifact } from "../src/command/sarif-artifact.js";
import type { Report } from "../src/report/model.js";
import { renderSarif, type SarifArtifact } from "../src/report/sarif.js";
import { runChecks } from "../src/runner.js";
import { startNeverAnswers } from "./fixtures/never-answers.js";
import { sarifSchemaErrors } from "./report-schemas.js";
import { CONFORMANCE_DIR } from "./peers/peers.js";
import { runAgainstFixture } from "./run-fixture.js";

const REPOSITORY = join(CONFORMANCE_DIR, "..");

/** A repository file chosen the way the CLI chooses one for --sarif-location. */
function repositoryFile(path: string): SarifArtifact {
  const choice = resolveSarifArtifact({ flag: path, cwd: CONFORMANCE_DIR, env: {} });
  if (!("artifact" in choice) || !choice.artifact) throw new Error(`no artifact for ${path}: ${JSON.stringify(choice)}`);
  return choice.artifact;
}

/** Every result of every run, stale-entry results included. */
const resultsOf = (log: Log): Result[] => log.runs.flatMap((run) => run.results ?? []);

async function reports(): Promise<Record<string, Report>> {
  await using silent = await startNeverAnswers();
  const [passing, failing, warning, never] = await Promise.all([
    runAgainstFixture({ dialect: "spice" }),
    runAgainstFixture({ defect: "bad-retry", apiKey: "k-123" }, { headers: { "X-API-Key": "k-123" }, credentialHeaders: ["x-api-key"] }),
    runAgainstFixture({ defect: "no-cache-control" }, { only: ["sse"], strict: false }),
    // Forced, so the checks meet the silence one by one (unforced, the probing GET stops the run).
    runChecks({ sseUrl: new URL(silent.url), profile: "auto", headers: {}, credentialHeaders: [], timeoutMs: 200, choice: { transport: "http+sse", era: "auto" } }),
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

  it("gives a failed check an error result with the evidence, and the request that showed it as its logical location", () => {
    const result = logs["failing"]!.runs[0]!.results?.find((r) => r.ruleId === "sse-framing");
    expect(result).toMatchObject({
      level: "error",
      kind: "fail",
      message: { text: expect.stringMatching(/retry value "1s"[\s\S]*\nrequest: GET http:\/\/127\.0\.0\.1:\d+\/v1\/mcp\/sse; response: 200/) },
      locations: [{ logicalLocations: [{ kind: "resource", fullyQualifiedName: expect.stringMatching(/^GET http:\/\/127\.0\.0\.1:\d+\/v1\/mcp\/sse/) }] }],
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

describe("SARIF locations GitHub code scanning accepts", async () => {
  const all = await reports();
  const withStale: Report = { ...all["passing"]!, baseline: { file: "baseline.json", entries: 1, stale: [{ id: "sse-framing", reason: "fixed" }] } };
  const runs = { ...all, stale: withStale };
  const workflow = repositoryFile("examples/github-actions/mcp-contract.yml");
  const placedIn = repositoryFile("test/fixtures/sarif-placed-in.yml");

  it("names the file relative to the repository root, whatever the working directory", () => {
    expect(workflow.uri).toBe("conformance/examples/github-actions/mcp-contract.yml");
    expect(resolveSarifArtifact({ flag: "conformance/examples/github-actions/mcp-contract.yml", cwd: REPOSITORY, env: {} })).toEqual({ artifact: workflow });
  });

  it.each(Object.keys(runs))("gives every result one location in a repository file that exists, with no URI scheme (%s run)", (name) => {
    const log = JSON.parse(renderSarif(runs[name as keyof typeof runs], { artifact: workflow })) as Log;
    expect(sarifSchemaErrors(log)).toEqual([]);
    const lines = readFileSync(join(REPOSITORY, workflow.uri), "utf8").split("\n").length;
    for (const result of resultsOf(log)) {
      expect(result.locations, result.ruleId).toHaveLength(1);
      const physical = result.locations?.[0]?.physicalLocation;
      const uri = physical?.artifactLocation?.uri ?? "";
      expect(uri, result.ruleId).not.toMatch(/^[a-z][a-z0-9+.-]*:/i);
      expect(uri.startsWith("/") || uri.split("/").includes("..")).toBe(false);
      expect(existsSync(join(REPOSITORY, decodeURIComponent(uri))), uri).toBe(true);
      expect(physical?.region?.startLine).toBeGreaterThanOrEqual(1);
      expect(physical?.region?.startLine).toBeLessThanOrEqual(lines);
      // The URL is kept, as a logical location.
      expect(result.locations?.[0]?.logicalLocations?.[0]?.fullyQualifiedName).toMatch(/http:\/\/127\.0\.0\.1:\d+\//);
    }
    if (name !== "passing") expect(resultsOf(log).length).toBeGreaterThan(0);
  });

  it("points at the line that names the check, else the file's first line", () => {
    const text = readFileSync(join(CONFORMANCE_DIR, "test/fixtures/sarif-placed-in.yml"), "utf8").split("\n");
    const framingLine = text.findIndex((line) => line.includes("sse-framing")) + 1;
    const failing = JSON.parse(renderSarif(all["failing"]!, { artifact: placedIn })) as Log;
    const regions = Object.fromEntries(resultsOf(failing).map((result) => [result.ruleId, result.locations?.[0]?.physicalLocation?.region]));
    const column = (text[framingLine - 1] ?? "").indexOf("sse-framing") + 1;
    expect(framingLine).toBeGreaterThan(1);
    expect(regions["sse-framing"]).toEqual({ startLine: framingLine, startColumn: column, endLine: framingLine, endColumn: column + "sse-framing".length });
    // A check the file does not name is placed on the first line, whole.
    const never = JSON.parse(renderSarif(all["never"]!, { artifact: placedIn })) as Log;
    const unnamed = resultsOf(never).find((result) => !text.join("\n").includes(result.ruleId ?? ""));
    expect(unnamed?.locations?.[0]?.physicalLocation?.region).toEqual({ startLine: 1, startColumn: 1, endLine: 1, endColumn: (text[0] ?? "").length + 1 });
  });

  it("has no physical location at all when no file is named, only the URL as a logical location", () => {
    for (const result of resultsOf(JSON.parse(renderSarif(all["failing"]!)) as Log)) {
      const [location] = result.locations ?? [];
      expect(location).not.toHaveProperty("physicalLocation");
      expect((location as Location).logicalLocations?.[0]?.fullyQualifiedName).toMatch(/^GET http/);
    }
  });
});
