/**
 * Applies a baseline to a run's results: a listed check that failed (or warned) is an expected
 * failure, which the run does not count; a listed check that passed is a stale entry, which fails
 * the run until it is removed (as in the official suite: a fixed bug must leave the baseline, or
 * it could come back unnoticed). Checks that were skipped or not run leave their entries unused.
 */
import type { CheckResult, Profile, StaleEntry } from "../report/model.js";
import type { Baseline, BaselineEntry } from "./baseline-file.js";

/** The entry for this check under this profile, if the baseline has one. */
export function entryFor(baseline: Baseline, id: string, profile: Profile): BaselineEntry | undefined {
  return baseline.entries.find((entry) => entry.id === id && (entry.profiles === undefined || entry.profiles.includes(profile)));
}

/** The result, marked as an expected failure when the baseline lists its failure. */
export function classify(result: CheckResult, baseline: Baseline | undefined, profile: Profile): CheckResult {
  if (!baseline || (result.status !== "failed" && result.status !== "warning")) return result;
  const entry = entryFor(baseline, result.id, profile);
  return entry ? { ...result, expectedFailure: { reason: entry.reason } } : result;
}

/** Every result classified, and the entries whose checks passed. */
export function applyBaseline(
  results: readonly CheckResult[],
  baseline: Baseline,
  profile: Profile,
): { readonly results: CheckResult[]; readonly stale: StaleEntry[] } {
  const stale = results
    .filter((result) => result.status === "passed")
    .flatMap((result) => {
      const entry = entryFor(baseline, result.id, profile);
      return entry ? [{ id: entry.id, reason: entry.reason }] : [];
    });
  return { results: results.map((result) => classify(result, baseline, profile)), stale };
}

/** The one-line instruction a stale entry gets in every report. */
export function staleMessage(entry: StaleEntry, file: string): string {
  return `stale baseline entry ${entry.id}: the check now passes; remove it from ${file} (its reason was: ${entry.reason})`;
}
