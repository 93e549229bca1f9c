/**
 * The peer compatibility matrix's shape, as `conformance/compat/matrix.json` stores it and the docs
 * site and README render it: every check, and per peer its installed version, the summary and each
 * check's status with the runner's message.
 */
import type { CheckLevel, CheckStatus } from "./model.js";

export interface CompatMatrix {
  readonly generatedAt: string;
  readonly checks: readonly { id: string; group: string; level: CheckLevel; title: string }[];
  readonly peers: readonly CompatPeer[];
}

/** One column: a peer and what the runner said about it. */
export interface CompatPeer {
  readonly name: string;
  readonly package: string;
  readonly version: string;
  readonly summary: { passed: number; failed: number; warnings: number; skipped: number; notVerified: number; observations: number; deviations: number };
  readonly results: Readonly<Record<string, { status: CheckStatus; message: string }>>;
}
