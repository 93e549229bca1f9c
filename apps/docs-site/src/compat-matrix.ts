/**
 * Reads the peer compatibility matrix that conformance/scripts/compat-matrix.ts writes to
 * conformance/compat/matrix.json by running the runner against real peers from npm. The docs
 * site and the README render it; nobody types it by hand.
 */
import { existsSync, readFileSync } from "node:fs";
import type { CompatMatrix } from "@mcp-contract/conformance";

export type { CompatMatrix } from "@mcp-contract/conformance";

/** Reads the matrix, or undefined when it has not been generated yet. */
export function readCompatMatrix(file: string): CompatMatrix | undefined {
  if (!existsSync(file)) return undefined;
  const parsed = JSON.parse(readFileSync(file, "utf8")) as CompatMatrix;
  if (!Array.isArray(parsed.peers) || !Array.isArray(parsed.checks)) {
    throw new Error(`${file} is not a compatibility matrix (no peers/checks arrays)`);
  }
  return parsed;
}
