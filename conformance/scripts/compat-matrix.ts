/**
 * `npm run compat`: runs the whole suite against each real peer (the reference server first, then
 * published MCP SSE servers from node_modules, all on 127.0.0.1, port 0), writes
 * `compat/matrix.json`, and rewrites the root README's section between the compat-matrix markers.
 * Peers run one after another, so timing checks are not judged on a machine busy with another
 * peer. Every peer is stopped (its whole process group) however the script ends.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { allChecks } from "../src/checks/registry.js";
import { PEERS } from "../test/peers/peers.js";
import type { RunningPeer } from "../test/peers/spawn-peer.js";
import { checkPeer } from "./compat/check-peer.js";
import { COMPAT_MATRIX_FILE, matrixChecks, matrixJson, peerColumn, type CompatMatrix, type CompatPeer } from "./compat/compat-matrix-model.js";
import { renderMatrixMarkdown, replaceMatrixSection, ROOT_README } from "./compat/render-readme.js";

/** Bound on the whole script: seventeen peers take about two minutes (fastmcp stateful and supergateway stateless about 45 s of it). */
const SCRIPT_LIMIT_MS = 8 * 60_000;

let current: RunningPeer | undefined;

async function abort(why: string, code: number): Promise<never> {
  process.stderr.write(`compat: ${why}\n`);
  await current?.stop();
  process.exit(code);
}

async function main(): Promise<void> {
  const limit = setTimeout(() => void abort(`not done within ${SCRIPT_LIMIT_MS} ms; stopped`, 1), SCRIPT_LIMIT_MS);
  process.once("SIGINT", () => void abort("interrupted", 130));
  process.once("SIGTERM", () => void abort("terminated", 143));

  const peers: CompatPeer[] = [];
  for (const peer of PEERS) {
    process.stderr.write(`compat: ${peer.name} (${peer.package}) … `);
    const { version, report } = await checkPeer(peer, (running) => (current = running));
    const { passed, failed, warnings, skipped } = report.summary;
    process.stderr.write(`${version}: ${passed} passed, ${failed} failed, ${warnings} warnings, ${skipped} skipped (${report.durationMs} ms)\n`);
    peers.push(peerColumn(peer, version, report));
  }
  clearTimeout(limit);

  const matrix: CompatMatrix = { generatedAt: new Date().toISOString(), checks: matrixChecks(allChecks), peers };
  // Render first: a README without its markers must not leave a matrix the README does not show.
  const readme = replaceMatrixSection(readFileSync(ROOT_README, "utf8"), renderMatrixMarkdown(matrix));
  writeFileSync(COMPAT_MATRIX_FILE, matrixJson(matrix));
  writeFileSync(ROOT_README, readme);
  process.stdout.write(`wrote ${COMPAT_MATRIX_FILE} and the compat-matrix section of ${ROOT_README}\n`);
}

main().then(
  // Sockets a misbehaving peer left open must not keep the script alive.
  () => process.exit(0),
  (error: unknown) => abort(error instanceof Error ? (error.stack ?? error.message) : String(error), 1),
);
