/**
 * The JUnit XML reporter, for CI test tabs: one <testsuite> per group, one <testcase> per check
 * (classname = group, name = id). Failed checks get <failure>, skipped ones <skipped>, and
 * warnings a <failure type="SHOULD"> under --strict (otherwise they pass, noted in system-out).
 * Expected failures of a baseline are <skipped message="expected failure: reason">, and each stale
 * baseline entry is a failed testcase in a `baseline` suite. Evidence goes to <system-out>.
 */
import { staleMessage } from "../baseline/apply-baseline.js";
import type { CheckResult, Report } from "./model.js";
import { renderEvidence } from "./pretty.js";

export function renderJunit(report: Report): string {
  const groups = new Map<string, CheckResult[]>();
  for (const result of report.results) groups.set(result.group, [...(groups.get(result.group) ?? []), result]);
  const failing = (r: CheckResult): boolean => !r.expectedFailure && (r.status === "failed" || (report.options.strict && r.status === "warning"));
  const skipped = (r: CheckResult): boolean => r.status === "skipped" || r.status === "not-verified" || r.status === "observation" || r.status === "deviation" || r.expectedFailure !== undefined;
  const seconds = (ms: number): string => (ms / 1000).toFixed(3);
  const suites = [...groups].map(([group, results]) => {
    const cases = results.map((r) => {
      const body: string[] = [];
      if (failing(r)) body.push(`      <failure message="${attr(r.message)}" type="${r.level}">${text(`${r.message}\nreference: ${r.reference}`)}</failure>`);
      if (r.status === "skipped") body.push(`      <skipped message="${attr(r.message)}"/>`);
      // JUnit has no "not verified": a skip whose message says so, never a pass.
      if (r.status === "not-verified") body.push(`      <skipped message="${attr(`not verified: ${r.message}`)}"/>`);
      // Nor "observation": the server's behaviour where no rule applies, a skip that says so, never a pass.
      if (r.status === "observation") body.push(`      <skipped message="${attr(`observation: ${r.message}`)}"/>`);
      if (r.status === "deviation") body.push(`      <skipped message="${attr(`known deviation: ${r.message}`)}"/>`);
      if (r.expectedFailure) body.push(`      <skipped message="${attr(`expected failure: ${r.expectedFailure.reason}`)}"/>`);
      const out = [`status: ${r.status} (${r.level})${r.expectedFailure ? ", expected by the baseline" : ""}`, r.message, `reference: ${r.reference}`, r.evidence ? renderEvidence(r.evidence, "") : ""]
        .filter(Boolean)
        .join("\n");
      body.push(`      <system-out>${text(out)}</system-out>`);
      return `    <testcase classname="${attr(group)}" name="${attr(r.id)}" time="${seconds(r.durationMs)}">\n${body.join("\n")}\n    </testcase>`;
    });
    const time = results.reduce((sum, r) => sum + r.durationMs, 0);
    return (
      `  <testsuite name="${attr(group)}" tests="${results.length}" failures="${results.filter(failing).length}" errors="0"` +
      ` skipped="${results.filter(skipped).length}" time="${seconds(time)}">\n${cases.join("\n")}\n  </testsuite>`
    );
  });
  if (report.couldNotRun) {
    // One errored testcase: a CI test tab shows the run broke, not that it found nothing wrong.
    const { message, cause } = report.couldNotRun;
    const steps = report.target.detection.steps.join("\n");
    suites.push(
      `  <testsuite name="target" tests="1" failures="0" errors="1" skipped="0" time="${seconds(report.durationMs)}">\n` +
        `    <testcase classname="target" name="could-not-run" time="${seconds(report.durationMs)}">\n      <error message="${attr(`could not run: ${message}`)}" type="${attr(cause)}">${text(`${message}\n${steps}`)}</error>\n    </testcase>\n  </testsuite>`,
    );
  }
  const stale = report.baseline?.stale ?? [];
  if (stale.length > 0) {
    const file = report.baseline?.file ?? "the baseline";
    const cases = stale.map((entry) => {
      const message = staleMessage(entry, file);
      return `    <testcase classname="baseline" name="${attr(entry.id)}" time="0.000">\n      <failure message="${attr(message)}" type="stale">${text(message)}</failure>\n    </testcase>`;
    });
    suites.push(`  <testsuite name="baseline" tests="${stale.length}" failures="${stale.length}" errors="0" skipped="0" time="0.000">\n${cases.join("\n")}\n  </testsuite>`);
  }
  const { summary } = report;
  const failures = report.results.filter(failing).length + stale.length;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites name="mcp-contract ${attr(report.target.url)}" tests="${summary.total + stale.length + (report.couldNotRun ? 1 : 0)}" failures="${failures}" errors="${report.couldNotRun ? 1 : 0}"` +
    ` skipped="${report.results.filter(skipped).length}" time="${seconds(report.durationMs)}" timestamp="${report.startedAt}">\n${suites.join("\n")}\n</testsuites>\n`
  );
}

/** XML 1.0 forbids most control characters even escaped; show them instead of dropping the report. */
function clean(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching these characters is the point
  return value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

function text(value: string): string {
  return clean(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function attr(value: string): string {
  return text(value).replace(/"/g, "&quot;").replace(/\n/g, "&#10;");
}
