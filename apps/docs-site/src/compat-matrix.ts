/**
 * Reads the peer compatibility matrix that conformance/scripts/compat-matrix.ts writes to
 * conformance/compat/matrix.json by running the runner against real peers from npm. The docs
 * site and the README render it; nobody types it by hand. The matrix page and the check pages
 * number its findings the same way (matrixFindings), so a check page links to its findings there.
 */
import { existsSync, readFileSync } from "node:fs";
import type { CompatMatrix, CompatPeer } from "@mcp-contract/conformance";

export type { CompatMatrix, CompatPeer } from "@mcp-contract/conformance";

/** The page the matrix is on, relative to the site root. */
export const MATRIX_PAGE = "matrix.html";

/** A result worth reading in full: anything but passed and skipped. */
export interface MatrixFinding {
  /** Its number on the matrix page, from 1, in table order (by check, then by peer). */
  readonly n: number;
  readonly peer: CompatPeer;
  readonly id: string;
  readonly status: string;
  readonly message: string;
}

export const findingAnchor = (n: number): string => `finding-${n}`;
export const matrixRowAnchor = (id: string): string => `row-${id}`;

/** Reads the matrix, or undefined when it has not been generated yet. */
export function readCompatMatrix(file: string): CompatMatrix | undefined {
  if (!existsSync(file)) return undefined;
  const parsed = JSON.parse(readFileSync(file, "utf8")) as CompatMatrix;
  if (!Array.isArray(parsed.peers) || !Array.isArray(parsed.checks)) {
    throw new Error(`${file} is not a compatibility matrix (no peers/checks arrays)`);
  }
  return parsed;
}

/** Every finding of the matrix, numbered in the order the matrix table shows them. */
export function matrixFindings(matrix: CompatMatrix): MatrixFinding[] {
  const findings: MatrixFinding[] = [];
  for (const check of matrix.checks) {
    for (const peer of matrix.peers) {
      const result = peer.results[check.id];
      if (!result || result.status === "passed" || result.status === "skipped") continue;
      findings.push({ n: findings.length + 1, peer, id: check.id, status: result.status, message: result.message });
    }
  }
  return findings;
}
