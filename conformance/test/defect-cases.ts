/**
 * The defect cases' shared shape and runner: a case names the defect, the verdicts expected, and
 * optionally the fixture's dialect/options and run overrides.
 */
import { describe, it } from "vitest";
import type { Defect } from "./fixtures/defects.js";
import type { FixtureOptions } from "./fixtures/fixture-server.js";
import { expectVerdicts, type Expected } from "./expectations.js";
import { runAgainstFixture, type RunOverrides } from "./run-fixture.js";

export type DefectCase = [Defect, Expected, Omit<FixtureOptions, "defect">?, RunOverrides?];

/** Runs each case against its own fixture, several at once (the runs mostly wait on sockets). */
export function describeDefects(title: string, cases: readonly DefectCase[]): void {
  describe.concurrent(title, () => {
    it.each(cases)("%s: fails exactly the checks for it", async (defect, expected, fixture = {}, overrides = {}) => {
      const report = await runAgainstFixture({ ...fixture, defect }, overrides);
      expectVerdicts(report, expected);
    });
  });
}
