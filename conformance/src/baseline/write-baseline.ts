/**
 * A starting baseline from a run: every check that failed or warned, with what it found as the
 * reason (edit the reasons into why, before committing the file). A failure an earlier baseline
 * already expected keeps that baseline's reason.
 */
import type { Report } from "../report/model.js";

/** The baseline JSON text for the run's failures and warnings, in run order. */
export function baselineFromReport(report: Report): string {
  const expectedFailures = report.results
    .filter((result) => result.status === "failed" || result.status === "warning")
    .map((result) => ({ id: result.id, reason: result.expectedFailure?.reason ?? `${result.status} when written: ${oneLine(result.message)}` }));
  return `${JSON.stringify({ description: `Expected failures written by mcp-contract ${report.tool.version} on ${report.startedAt}.`, expectedFailures }, null, 2)}\n`;
}

function oneLine(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
