/**
 * The peer compatibility matrix that conformance/scripts/compat-matrix.ts writes to
 * conformance/compat/matrix.json by running the runner against real peers from npm. The docs
 * site and the README render it; nobody types it by hand.
 */
import { existsSync, readFileSync } from "node:fs";

export type CheckOutcome = "passed" | "failed" | "warning" | "skipped";

export interface CompatMatrix {
  readonly generatedAt: string;
  readonly checks: readonly { id: string; group: string; level: "MUST" | "SHOULD"; title: string }[];
  readonly peers: readonly {
    readonly name: string;
    readonly package: string;
    readonly version: string;
    readonly summary: { passed: number; failed: number; warnings: number; skipped: number };
    readonly results: Readonly<Record<string, { status: CheckOutcome; message: string }>>;
  }[];
}

/** Reads the matrix, or undefined when it has not been generated yet. */
export function readCompatMatrix(file: string): CompatMatrix | undefined {
  if (!existsSync(file)) return undefined;
  const parsed = JSON.parse(readFileSync(file, "utf8")) as CompatMatrix;
  if (!Array.isArray(parsed.peers) || !Array.isArray(parsed.checks)) {
    throw new Error(`${file} is not a compatibility matrix (no peers/checks arrays)`);
  }
  return parsed;
}
