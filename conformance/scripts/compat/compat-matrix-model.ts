/**
 * The peer compatibility matrix as `compat/matrix.json` stores it: every check, and per peer its
 * installed version, the summary and each check's status with the runner's message. The shape is
 * src/report/compat-matrix.ts, which the docs site imports.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Check } from "../../src/check.js";
import type { CompatMatrix, CompatPeer } from "../../src/report/compat-matrix.js";
import type { Report } from "../../src/report/model.js";

export type { CompatMatrix, CompatPeer } from "../../src/report/compat-matrix.js";

/** Where the matrix is committed. */
export const COMPAT_MATRIX_FILE = fileURLToPath(new URL("../../compat/matrix.json", import.meta.url));

/** The rows: every check, in run order. */
export function matrixChecks(checks: readonly Check[]): CompatMatrix["checks"] {
  return checks.map(({ id, group, level, title }) => ({ id, group, level, title }));
}

/** A peer's column from its report. */
export function peerColumn(peer: { name: string; package: string }, version: string, report: Report): CompatPeer {
  const { passed, failed, warnings, skipped, notVerified, observations, deviations } = report.summary;
  return {
    name: peer.name,
    package: peer.package,
    version,
    summary: { passed, failed, warnings, skipped, notVerified, observations, deviations },
    results: Object.fromEntries(report.results.map((result) => [result.id, { status: result.status, message: result.message }])),
  };
}

/** The file's text: stable key order (as built), two-space indent, final newline. */
export function matrixJson(matrix: CompatMatrix): string {
  return `${JSON.stringify(matrix, null, 2)}\n`;
}

/** Reads the committed matrix; throws saying how to make it when it is missing. */
export function readCompatMatrix(file = COMPAT_MATRIX_FILE): CompatMatrix {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new Error(`${file} is missing: run npm run compat -w @mcp-contract/conformance`);
  }
  return JSON.parse(text) as CompatMatrix;
}
