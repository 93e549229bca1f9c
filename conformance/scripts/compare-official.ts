/**
 * `npm run compare-official`: the official conformance suite beside ours, on the same peers. It
 * installs `@modelcontextprotocol/conformance` (0.2.0-alpha.12 and 0.1.16) into a scratch folder
 * outside the repository, records how each fares on this Node without help, then starts each
 * Streamable HTTP peer once on loopback (the reference server's dual-era `/mcp` first, then the
 * matrix's Streamable columns), runs the official suite against it in server mode with the Node 20
 * preload (0.2.0-alpha.12 with its default suite and with `--requirements 2026-07-28`, 0.1.16 with
 * its default), then our suite, and writes both verdicts side by side:
 * `compat/official-comparison.json` and the section of conformance/README.md between the
 * official-comparison markers. Not part of `npm test`: it needs an install. Every peer and every
 * child is stopped (its whole process group) however the script ends.
 *
 *   npm run compare-official -w @mcp-contract/conformance [-- --scratch DIR] [-- --only NAME]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { installedVersion, STREAMABLE_PEERS, startReferenceServer, type PeerSpec } from "../test/peers/peers.js";
import type { RunningPeer } from "../test/peers/spawn-peer.js";
import { runSuite } from "./compat/check-peer.js";
import {
  COMPARISON_FILE,
  CONFORMANCE_README,
  type ComparedPeer,
  differences,
  type OfficialComparison,
  type OfficialRun,
  renderComparisonMarkdown,
  replaceComparisonSection,
} from "./compare-official/comparison-model.js";
import { writeNode20Preload } from "./compare-official/node20-preload.js";
import { bareStart, installSuite, type OfficialSuite, runOfficial } from "./compare-official/official-suite.js";

const ALPHA = "0.2.0-alpha.12";
const STABLE = "0.1.16";
/** One official run against one peer: its own per-scenario bound is 30 s; a slow peer has ~40 scenarios. */
const OFFICIAL_RUN_LIMIT_MS = 4 * 60_000;
/** The whole script: 13 peers, four runs each. */
const SCRIPT_LIMIT_MS = 45 * 60_000;

/** The reference server's dual-era Streamable HTTP endpoint (MCP_PATH in apps/reference-server). */
const REFERENCE_MCP: PeerSpec = { name: "reference server /mcp (dual-era)", package: "@mcp-contract/reference-server", start: () => startReferenceServer("/mcp") };

let current: RunningPeer | undefined;

async function abort(why: string, code: number): Promise<never> {
  process.stderr.write(`compare-official: ${why}\n`);
  await current?.stop();
  process.exit(code);
}

async function comparePeer(peer: PeerSpec, runs: readonly { suite: OfficialSuite; label: string; args: string[] }[], preload: string): Promise<ComparedPeer> {
  const version = installedVersion(peer.package);
  const running = await peer.start();
  current = running;
  try {
    const official: OfficialRun[] = [];
    for (const run of runs) {
      official.push(await runOfficial(run.suite, preload, running.sseUrl, run.label, run.args, OFFICIAL_RUN_LIMIT_MS));
      const { SUCCESS, FAILURE, WARNING } = official.at(-1)?.summary ?? { SUCCESS: 0, FAILURE: 0, WARNING: 0 };
      process.stderr.write(`  official ${run.label}: ${SUCCESS} success, ${FAILURE} failure, ${WARNING} warning${official.at(-1)?.error ? ` (${official.at(-1)?.error})` : ""}\n`);
    }
    const report = await runSuite(running.sseUrl, peer.timeoutMs);
    const results = Object.fromEntries(report.results.map((result) => [result.id, { status: result.status, message: result.message }]));
    const ours = { summary: { ...report.summary }, results };
    process.stderr.write(`  ours: ${report.summary.passed} passed, ${report.summary.failed} failed, ${report.summary.warnings} warnings\n`);
    return { name: peer.name, package: peer.package, version, official, ours, differences: differences(official, results) };
  } finally {
    await running.stop();
    current = undefined;
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { scratch: { type: "string" }, only: { type: "string", multiple: true } } });
  const limit = setTimeout(() => void abort(`not done within ${SCRIPT_LIMIT_MS} ms; stopped`, 1), SCRIPT_LIMIT_MS);
  process.once("SIGINT", () => void abort("interrupted", 130));
  process.once("SIGTERM", () => void abort("terminated", 143));

  const scratch = values.scratch ?? join(tmpdir(), "mcp-contract-official-suite");
  process.stderr.write(`compare-official: installing into ${scratch}\n`);
  const alpha = await installSuite(scratch, ALPHA);
  const stable = await installSuite(scratch, STABLE);
  const bare = { [ALPHA]: await bareStart(alpha), [STABLE]: await bareStart(stable) };
  const preload = writeNode20Preload(join(scratch, "node20-preload"));
  const runs = [
    { suite: alpha, label: `${ALPHA}`, args: [] },
    { suite: alpha, label: `${ALPHA} --requirements 2026-07-28`, args: ["--requirements", "2026-07-28"] },
    { suite: stable, label: `${STABLE}`, args: [] },
  ];

  const peers: ComparedPeer[] = [];
  for (const peer of [REFERENCE_MCP, ...STREAMABLE_PEERS].filter((p) => !values.only || values.only.includes(p.name))) {
    process.stderr.write(`compare-official: ${peer.name}\n`);
    peers.push(await comparePeer(peer, runs, preload));
  }
  clearTimeout(limit);

  const comparison: OfficialComparison = { generatedAt: new Date().toISOString(), node: process.versions.node, bareStart: bare, peers };
  const readme = replaceComparisonSection(readFileSync(CONFORMANCE_README, "utf8"), renderComparisonMarkdown(comparison));
  writeFileSync(COMPARISON_FILE, `${JSON.stringify(comparison, null, 2)}\n`);
  writeFileSync(CONFORMANCE_README, readme);
  process.stdout.write(`wrote ${COMPARISON_FILE} and the official-comparison section of ${CONFORMANCE_README}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => abort(error instanceof Error ? (error.stack ?? error.message) : String(error), 1),
);
