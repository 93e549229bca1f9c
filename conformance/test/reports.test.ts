/**
 * The machine reports hold their contracts: every JSON report validates against
 * report.schema.json (passing, failing and never-answering runs alike), and JUnit XML parses, with
 * one testcase per check.
 */
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { renderJson } from "../src/report/json.js";
import { renderJunit } from "../src/report/junit.js";
import { REPORT_SCHEMA_VERSION, type Report } from "../src/report/model.js";
import { runChecks } from "../src/runner.js";
import { startNeverAnswers } from "./fixtures/never-answers.js";
import { runAgainstFixture } from "./run-fixture.js";

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats.default(ajv);
const schema = JSON.parse(readFileSync(new URL("../report.schema.json", import.meta.url), "utf8")) as {
  $id: string;
  description: string;
  properties: { schemaVersion: { const: number }; outcome: { enum: string[] } };
  $defs: { result: { properties: { status: { enum: string[] }; level: { enum: string[] } } } };
};
const validate = ajv.compile(schema);
/** The closed sets of schemaVersion 1, as it was set (commit cbb0767): a consumer of 1 knows only these. */
const VERSION_1 = { status: ["passed", "failed", "warning", "skipped"], level: ["MUST", "SHOULD"], outcome: ["pass", "fail"] };

async function reports(): Promise<Report[]> {
  await using silent = await startNeverAnswers();
  // Awaited here, so the silent server is still listening while the runs go on.
  return await Promise.all([
    runAgainstFixture({ dialect: "spice" }),
    runAgainstFixture({ dialect: "celonis", defect: "unknown-asset-plain-404" }),
    runAgainstFixture({ dialect: "spice", defect: "bad-retry", apiKey: "k-123" }, { headers: { "X-API-Key": "k-123" }, credentialHeaders: ["x-api-key"] }),
    // Forced, so the checks meet the silence one by one (unforced, the probing GET stops the run).
    runChecks({ sseUrl: new URL(silent.url), profile: "auto", headers: {}, credentialHeaders: [], timeoutMs: 200, choice: { transport: "http+sse", era: "auto" } }),
  ]);
}

describe("reports", async () => {
  const all = await reports();

  it("JSON validates against report.schema.json", () => {
    for (const report of all) {
      const valid = validate(JSON.parse(renderJson(report)));
      expect(validate.errors ?? [], report.target.url).toEqual([]);
      expect(valid).toBe(true);
    }
  });

  it("names one schemaVersion: every report's, the schema's const, $id and description", () => {
    expect(all.map((report) => report.schemaVersion)).toEqual(all.map(() => REPORT_SCHEMA_VERSION));
    expect(schema.properties.schemaVersion.const).toBe(REPORT_SCHEMA_VERSION);
    expect(schema.$id).toBe(`urn:mcp-contract:conformance:report:${REPORT_SCHEMA_VERSION}`);
    expect(schema.description).toContain(`(schemaVersion ${REPORT_SCHEMA_VERSION})`);
    // A report that says it is version 1 does not pass for the current one.
    expect(validate({ ...(JSON.parse(renderJson(all[0] as Report)) as object), schemaVersion: 1 })).toBe(false);
  });

  it("lists in the schema's description every status, level and outcome version 1 did not have", () => {
    const added = [
      ...schema.$defs.result.properties.status.enum.filter((value) => !VERSION_1.status.includes(value)),
      ...schema.$defs.result.properties.level.enum.filter((value) => !VERSION_1.level.includes(value)),
      ...schema.properties.outcome.enum.filter((value) => !VERSION_1.outcome.includes(value)),
    ];
    expect(added).toEqual(["not-verified", "observation", "deviation", "INFO", "could-not-run"]);
    const changes = schema.description.slice(schema.description.indexOf("Changed from 1"));
    for (const value of added) expect(changes, value).toContain(`\`${value}\``);
  });

  it("JSON carries evidence with the credentials redacted", () => {
    const framing = all[2]?.results.find((r) => r.id === "sse-framing");
    expect(framing).toMatchObject({ status: "failed", evidence: { request: { headers: { "X-API-Key": "[redacted]" } } } });
    expect(framing?.evidence?.response?.streamExcerpt).toContain("retry: 1s\\n");
    expect(renderJson(all[2] as Report)).not.toContain("k-123");
  });

  it("JUnit parses as XML, one testcase per check, classname = group", () => {
    for (const report of all) {
      const xml = renderJunit(report);
      expect(XMLValidator.validate(xml)).toBe(true);
      const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(xml) as {
        testsuites: { tests: string; failures: string; testsuite: { name: string; testcase: { classname: string; name: string; failure?: unknown; skipped?: unknown }[] | object }[] | object };
      };
      const suites = [parsed.testsuites.testsuite].flat() as { name: string; testcase: unknown }[];
      const cases = suites.flatMap((suite) => [suite.testcase].flat() as { classname: string; name: string; failure?: unknown; skipped?: unknown }[]);
      const byId = (list: string[]): string[] => [...list].sort();
      expect(byId(cases.map((c) => `${c.classname} ${c.name}`))).toEqual(byId(report.results.map((r) => `${r.group} ${r.id}`)));
      expect(cases.filter((c) => c.failure !== undefined)).toHaveLength(report.results.filter((r) => r.status === "failed").length + (report.options.strict ? report.summary.warnings : 0));
      expect(cases.filter((c) => c.skipped !== undefined)).toHaveLength(report.summary.skipped);
      expect(Number(parsed.testsuites.tests)).toBe(report.summary.total);
    }
  });

  it("JUnit escapes control characters and markup from server bytes", () => {
    const [first] = all;
    if (!first) throw new Error("no report");
    const hostile: Report = {
      ...first,
      results: [{ ...first.results[0]!, status: "failed", message: 'bad \u0001 <x> & "q"', evidence: { response: { streamExcerpt: "]]> \u0000" } } }],
    };
    expect(XMLValidator.validate(renderJunit(hostile))).toBe(true);
  });
});
