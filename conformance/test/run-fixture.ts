/** Runs the checks against a fixture server and hands back the report, closing the server after. */
import { runChecks, type RunOptions } from "../src/runner.js";
import type { CheckResult, Report } from "../src/report/model.js";
import { startFixture, type FixtureOptions } from "./fixtures/fixture-server.js";

export type RunOverrides = Partial<Omit<RunOptions, "sseUrl">> & { readonly urlSuffix?: string };

export async function runAgainstFixture(fixture: FixtureOptions, overrides: RunOverrides = {}): Promise<Report> {
  await using server = await startFixture(fixture);
  const { urlSuffix = "", ...rest } = overrides;
  return await runChecks({
    sseUrl: new URL(server.sseUrl + urlSuffix),
    profile: "auto",
    headers: {},
    credentialHeaders: [],
    // Generous: each wait ends as soon as its answer comes, and a busy CI machine must not turn
    // a slow answer into a false failure (the never-answers tests set their own short bound).
    timeoutMs: 3000,
    strict: true,
    ...rest,
  });
}

/** `id → status` for every result, for compact assertions. */
export function statuses(report: Report): Record<string, CheckResult["status"]> {
  return Object.fromEntries(report.results.map((r) => [r.id, r.status]));
}

/** Results that are neither passed nor skipped, with their messages (for failure output). */
export function problems(report: Report): Record<string, string> {
  return Object.fromEntries(report.results.filter((r) => r.status === "failed" || r.status === "warning").map((r) => [r.id, `${r.status}: ${r.message}`]));
}
