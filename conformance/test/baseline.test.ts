/**
 * Baselines of expected failures, against fixture servers and the reference server: a listed
 * failure passes the run (and every report shows it as expected), a listed check that passes is a
 * stale entry that fails the run, an unlisted failure fails it, and an empty baseline changes
 * nothing for a correct server.
 */
import { createApp } from "@mcp-contract/reference-server";
import { startServer } from "@mcp-contract/test-helpers";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { Log } from "sarif";
import { describe, expect, it } from "vitest";
import type { Baseline } from "../src/baseline/baseline-file.js";
import { renderJunit } from "../src/report/junit.js";
import type { Report } from "../src/report/model.js";
import { PrettyReporter } from "../src/report/pretty.js";
import { renderSarif } from "../src/report/sarif.js";
import { runChecks } from "../src/runner.js";
import { reportSchemaErrors, sarifSchemaErrors } from "./report-schemas.js";
import { runAgainstFixture } from "./run-fixture.js";

const baseline = (...entries: Baseline["entries"]): Baseline => ({ file: "baseline.json", entries });
const FRAMING = { id: "sse-framing", reason: "retry values are fixed in the next release" };

function pretty(report: Report): string {
  let text = "";
  const reporter = new PrettyReporter({ write: (chunk: string) => (text += chunk) }, { tty: false });
  for (const result of report.results) reporter.onCheckEnd(result);
  reporter.finish(report);
  return text;
}

describe.concurrent("a baseline", () => {
  it("turns a listed failure into an expected failure that passes the run, in every report", async () => {
    const report = await runAgainstFixture({ defect: "bad-retry" }, { only: ["sse"], baseline: baseline(FRAMING) });
    const framing = report.results.find((r) => r.id === "sse-framing");
    expect(framing).toMatchObject({ status: "failed", expectedFailure: { reason: FRAMING.reason }, evidence: expect.anything() });
    expect(report).toMatchObject({ outcome: "pass", summary: { failed: 0, expectedFailures: 1 }, baseline: { file: "baseline.json", entries: 1, stale: [] } });
    expect(reportSchemaErrors(report)).toEqual([]);

    expect(pretty(report)).toMatch(/⊘ sse-framing \d+ ms {2}expected failure \(retry values are fixed in the next release\): line \d+/);
    expect(pretty(report)).toMatch(/^PASS \d+ passed, 0 failed, 0 warnings, 1 expected failures, \d+ skipped of \d+ checks/m);

    const xml = renderJunit(report);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain(`<skipped message="expected failure: ${FRAMING.reason}"/>`);
    expect(xml).toMatch(/<testsuites [^>]*failures="0"/);

    const sarif = JSON.parse(renderSarif(report)) as Log;
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    expect(sarif.runs[0]?.results).toEqual([
      expect.objectContaining({
        ruleId: "sse-framing",
        level: "error",
        baselineState: "unchanged",
        suppressions: [{ kind: "external", status: "accepted", justification: `expected failure (baseline.json): ${FRAMING.reason}` }],
      }),
    ]);
    expect(sarif.runs[0]?.invocations?.[0]?.exitCode).toBe(0);
  });

  it("fails the run on a stale entry, saying to remove it", async () => {
    const report = await runAgainstFixture({}, { only: ["sse"], baseline: baseline(FRAMING) });
    expect(report.results.find((r) => r.id === "sse-framing")).toMatchObject({ status: "passed" });
    expect(report).toMatchObject({ outcome: "fail", summary: { failed: 0, expectedFailures: 0 }, baseline: { stale: [FRAMING] } });
    expect(reportSchemaErrors(report)).toEqual([]);
    expect(pretty(report)).toContain("✘ stale baseline entry sse-framing: the check now passes; remove it from baseline.json");
    expect(pretty(report)).toMatch(/^FAIL /m);

    const xml = renderJunit(report);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(xml) as { testsuites: { failures: string; testsuite: { name: string; testcase: unknown }[] } };
    expect(parsed.testsuites.failures).toBe("1");
    expect(parsed.testsuites.testsuite.find((suite) => suite.name === "baseline")?.testcase).toMatchObject({ name: "sse-framing", failure: { type: "stale" } });

    const sarif = JSON.parse(renderSarif(report)) as Log;
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    expect(sarif.runs[0]?.results).toEqual([expect.objectContaining({ ruleId: "sse-framing", kind: "pass", baselineState: "absent", message: { text: expect.stringContaining("remove it from baseline.json") } })]);
    expect(sarif.runs[0]?.invocations?.[0]?.exitCode).toBe(1);
  });

  it("fails the run on a failure it does not list; entries for other profiles or skipped checks stay unused", async () => {
    const report = await runAgainstFixture(
      { defect: "bad-retry" },
      { only: ["sse"], baseline: baseline({ ...FRAMING, profiles: ["opensearch"] }, { id: "sse-keepalive", reason: "not measured" }) },
    );
    expect(report.results.find((r) => r.id === "sse-framing")).not.toHaveProperty("expectedFailure");
    expect(report).toMatchObject({ outcome: "fail", summary: { failed: 1, expectedFailures: 0 }, baseline: { stale: [] } });
    const sarif = JSON.parse(renderSarif(report)) as Log;
    expect(sarif.runs[0]?.results?.map((r) => [r.ruleId, r.baselineState])).toEqual([["sse-framing", "new"]]);
  });

  it("applies an entry scoped to the profile the run detected", async () => {
    const report = await runAgainstFixture({ defect: "bad-retry" }, { only: ["sse"], baseline: baseline({ ...FRAMING, profiles: ["spice"] }) });
    expect(report).toMatchObject({ outcome: "pass", target: { profile: "spice" }, summary: { expectedFailures: 1 } });
  });

  it("changes nothing for the reference server when empty", async () => {
    const app = createApp({ log: () => undefined });
    await using running = await startServer(app.server);
    try {
      const report = await runChecks({ sseUrl: new URL(`${running.url}/v1/mcp/sse`), profile: "auto", headers: {}, credentialHeaders: [], timeoutMs: 3000, strict: true, baseline: baseline() });
      expect(report).toMatchObject({ outcome: "pass", summary: { failed: 0, warnings: 0, expectedFailures: 0 }, baseline: { entries: 0, stale: [] } });
    } finally {
      await app.close();
    }
  });
});
