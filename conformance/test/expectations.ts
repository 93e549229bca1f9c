/**
 * Asserting a report precisely: the checks named fail (or warn) on their own findings, the checks
 * that require them fail as "prerequisite … failed" (or stay skipped), and every other check
 * passes or is skipped. This is what "no collateral false failures" means in the tests.
 */
import { expect } from "vitest";
import { allChecks } from "../src/checks/registry.js";
import type { Report } from "../src/report/model.js";

export interface Expected {
  readonly failed?: readonly string[];
  readonly warning?: readonly string[];
  /** INFO checks whose observation this defect changes: id → text the observation must contain. */
  readonly observed?: Readonly<Record<string, string>>;
  /** Checks that must report a deviation the target's vendor profile names. */
  readonly deviation?: readonly string[];
}

/** Every check that requires one of `ids`, directly or through others. */
export function dependentsOf(ids: readonly string[]): Set<string> {
  const found = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const check of allChecks) {
      if (found.has(check.id)) continue;
      if (check.requires.some((r) => ids.includes(r) || found.has(r))) {
        found.add(check.id);
        grew = true;
      }
    }
  }
  return found;
}

export function expectVerdicts(report: Report, expected: Expected): void {
  const failed = expected.failed ?? [];
  const warning = expected.warning ?? [];
  const dependents = dependentsOf(failed);
  const seen: Record<string, string> = {};
  const want: Record<string, string> = {};
  for (const result of report.results) {
    const gated = result.status === "failed" && result.message.startsWith("prerequisite ");
    seen[result.id] = gated
      ? "failed (prerequisite)"
      : result.status === "skipped" || result.status === "passed"
        ? "passed or skipped"
        : result.status === "deviation"
          ? "deviation"
          : result.status === "observation"
          ? `observed${result.message.includes(expected.observed?.[result.id] ?? "") ? "" : `: ${result.message}`}`
          : `${result.status}: ${result.message}`;
    want[result.id] = (expected.deviation ?? []).includes(result.id)
      ? "deviation"
      : failed.includes(result.id)
      ? "failed"
      : warning.includes(result.id)
        ? "warning"
        : dependents.has(result.id) && result.status !== "skipped"
          ? "failed (prerequisite)"
          : result.level === "INFO" && result.status !== "skipped"
            ? "observed"
            : "passed or skipped";
    if (failed.includes(result.id) && result.status === "failed" && !gated) seen[result.id] = "failed";
    if (warning.includes(result.id) && result.status === "warning") seen[result.id] = "warning";
  }
  expect(seen).toEqual(want);
  for (const id of [...failed, ...warning, ...Object.keys(expected.observed ?? {})]) {
    const result = report.results.find((r) => r.id === id);
    expect(result?.evidence ?? result?.message, `${id} says why`).toBeTruthy();
  }
}
