import { describe, expect, it } from "vitest";
import { COMPARISON_END, COMPARISON_START, differences, parseOfficialRun, replaceComparisonSection, scenarioOf } from "./comparison-model.js";

const checksJson = (entries: readonly { id: string; status: string; errorMessage?: string }[]): string => JSON.stringify(entries);

describe("the official suite's results, read back", () => {
  it("names the scenario of a result folder and ignores other folders", () => {
    expect(scenarioOf("server-dns-rebinding-protection-2026-12-02T19-34-50-871Z")).toBe("dns-rebinding-protection");
    expect(scenarioOf("client-initialize-2026-12-02T19-34-50-871Z")).toBeUndefined();
    expect(scenarioOf("server-x")).toBeUndefined();
  });

  it("counts every check by status, keys it by scenario, and reads an unknown status as INFO", () => {
    const run = parseOfficialRun(
      "alpha",
      {
        "server-ping-2026-12-02T19-34-50-871Z": checksJson([{ id: "ping", status: "SUCCESS" }]),
        "server-tools-2026-12-02T19-34-50-871Z": checksJson([
          { id: "tools-call", status: "FAILURE", errorMessage: "Unknown tool" },
          { id: "odd", status: "MAYBE" },
        ]),
        "notes-2026": checksJson([{ id: "ignored", status: "FAILURE" }]),
      },
      "",
    );
    expect(run.summary).toEqual({ SUCCESS: 1, FAILURE: 1, WARNING: 0, INFO: 1, SKIPPED: 0 });
    expect(run.checks["tools › tools-call"]).toEqual({ status: "FAILURE", message: "Unknown tool" });
    expect(Object.keys(run.checks)).not.toContain("notes › ignored");
  });

  it("reports a difference only where a mapped check's verdict disagrees, and a failure against a check we did not verify", () => {
    const run = parseOfficialRun(
      "alpha",
      {
        "server-dns-rebinding-protection-2026-12-02T19-34-50-871Z": checksJson([{ id: "localhost-host-rebinding-rejected", status: "SUCCESS" }]),
        "server-server-stateless-2026-12-02T19-34-50-871Z": checksJson([
          { id: "sep-2575-server-implements-discover", status: "SUCCESS" },
          { id: "sep-2575-missing-capability-http-400", status: "FAILURE" },
        ]),
      },
      "",
    );
    const found = differences([run], {
      "streamable-origin-403": { status: "failed", message: "200" },
      "modern-discover": { status: "passed", message: "" },
      "modern-missing-client-capability": { status: "not-verified", message: "no --capability-tool" },
    });
    expect(found.map((d) => [d.ours, d.officialStatus, d.oursStatus])).toEqual([
      ["streamable-origin-403", "SUCCESS", "failed"],
      ["modern-missing-client-capability", "FAILURE", "not-verified"],
    ]);
  });
});

describe("the README section", () => {
  it("replaces exactly what lies between the markers", () => {
    const readme = `before\n${COMPARISON_START}\nold\n${COMPARISON_END}\nafter\n`;
    expect(replaceComparisonSection(readme, "new\n")).toBe(`before\n${COMPARISON_START}\nnew\n${COMPARISON_END}\nafter\n`);
  });

  it.for(["no markers", `${COMPARISON_END}\n${COMPARISON_START}`, `${COMPARISON_START}${COMPARISON_START}${COMPARISON_END}`])("refuses a README with markers missing, reversed or repeated: %j", (readme) => {
    expect(() => replaceComparisonSection(readme, "x")).toThrow("once each");
  });
});
