/**
 * Starts one peer, runs the whole suite against it in this process, and stops it, whatever
 * happens. The matrix script and the peer tests both go through here, with the same settings,
 * so a test that re-runs a peer sees what the matrix recorded.
 */
import type { Report } from "../../src/report/model.js";
import { runChecks } from "../../src/runner.js";
import { installedVersion, type PeerSpec } from "../../test/peers/peers.js";
import type { RunningPeer } from "../../test/peers/spawn-peer.js";

/** Per-wait bound: short, so a peer that never answers costs 1.5 s per silence, not 5. */
export const COMPAT_TIMEOUT_MS = 1_500;
/** Bound on one peer's whole run. */
export const COMPAT_DEADLINE_MS = 60_000;

export interface PeerRun {
  readonly version: string;
  readonly report: Report;
}

/** Runs the suite against a started peer, with the matrix's settings (`timeoutMs`: a peer's own wait bound, when it names one). */
export function runSuite(sseUrl: URL, timeoutMs = COMPAT_TIMEOUT_MS): Promise<Report> {
  return runChecks({ sseUrl, profile: "auto", headers: {}, credentialHeaders: [], timeoutMs, deadlineMs: COMPAT_DEADLINE_MS });
}

/** Starts `peer`, checks it, stops it. `track` sees the running peer (to stop it on a signal). */
export async function checkPeer(peer: PeerSpec, track: (running: RunningPeer | undefined) => void = () => undefined): Promise<PeerRun> {
  const version = installedVersion(peer.package);
  const running = await peer.start();
  track(running);
  try {
    return { version, report: await runSuite(running.sseUrl, peer.timeoutMs) };
  } finally {
    await running.stop();
    track(undefined);
  }
}
