/**
 * `npm run bench`: two tables, each measured side by side in one run on loopback with ratios
 * against a bare node:http server (the practical limit) and the targets. HTTP+SSE: the
 * reference server, the SDK's SSEServerTransport under express and a bare server. Streamable HTTP:
 * see streamable-table.ts.
 */
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { spawnWithUrl, type SpawnedServer } from "@mcp-contract/test-helpers";
import { closedLoop, type LoadResult } from "./closed-loop.js";
import { kibPerIdleSession } from "./idle-memory.js";
import { declaredOversize, type OversizeResult } from "./oversize.js";
import { streamableTable } from "./streamable-table.js";
import { WireSession } from "./wire-session.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const SESSION_COUNTS = [1, 50, 200] as const;
const DURATION_MS = Number(process.env["BENCH_DURATION_MS"] ?? 2_000);
/** Each scenario runs this many rounds, the servers taking turns, and the median counts. */
const ROUNDS = Number(process.env["BENCH_ROUNDS"] ?? 3);
const IDLE_SESSIONS = Number(process.env["BENCH_IDLE_SESSIONS"] ?? 1_000);

/** The same flags for every server: TypeScript through tsx, and a GC the harness can trigger. */
const NODE_FLAGS = ["--expose-gc", "--import", "tsx", "--import", path.join(here, "gc-on-signal.ts")];

interface Contender {
  readonly name: string;
  readonly args: string[];
  /** The SSE URL, from the URL the server printed. */
  readonly sseUrl: (printed: string) => string;
}

const contenders: Contender[] = [
  {
    name: "reference server",
    // The per-session rate limit (500 tools/call a minute) is a feature the baselines lack; it is
    // turned off so the comparison is of the request path alone. The registry uses an in-memory DB.
    args: [...NODE_FLAGS, path.join(here, "../src/main.ts"), "--port", "0", "--rate-limit-per-minute", "0", "--db", ":memory:"],
    sseUrl: (printed) => `${new URL(printed).origin}/v1/mcp/sse`,
  },
  {
    name: "SDK SSEServerTransport + express",
    args: [...NODE_FLAGS, path.join(here, "sdk-sse-server.ts")],
    sseUrl: (printed) => printed,
  },
  { name: "bare node:http", args: [...NODE_FLAGS, path.join(here, "bare-sse-server.ts")], sseUrl: (printed) => printed },
];

interface Running {
  readonly contender: Contender;
  readonly server: SpawnedServer;
  readonly sseUrl: string;
  readonly kibPerSession: number;
  readonly oversize: OversizeResult;
  readonly rounds: LoadResult[][];
}

interface Measured {
  readonly load: LoadResult[];
  readonly kibPerSession: number;
  readonly oversize: OversizeResult;
}

/** Starts a server and takes the measurements that need a fresh process: memory, then the 413. */
async function start(contender: Contender): Promise<Running> {
  const server = await spawnWithUrl(process.execPath, contender.args, {
    readyPattern: /(http:\/\/127\.0\.0\.1:\d+\S*)/,
    env: { ...process.env, PORT: "0" },
  });
  const sseUrl = contender.sseUrl(server.url);
  process.stderr.write(`${contender.name}: ${sseUrl}\n`);
  // Memory first, on a fresh process, so the load phase's heap growth does not hide it.
  const kibPerSession = await kibPerIdleSession(sseUrl, server.child, IDLE_SESSIONS);
  const probe = await WireSession.open(sseUrl);
  const oversize = await declaredOversize(probe.endpoint);
  probe.close();
  await closedLoop(sseUrl, 20, { durationMs: 500 }); // warm-up: let the JIT settle
  return { contender, server, sseUrl, kibPerSession, oversize, rounds: SESSION_COUNTS.map(() => []) };
}

const median = (results: readonly LoadResult[]): LoadResult =>
  [...results].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond)[Math.floor(results.length / 2)]!;

const running: Running[] = [];
try {
  for (const contender of contenders) running.push(await start(contender));
  // Servers take turns within each round, so a burst of background load hits all of them alike.
  for (let round = 0; round < ROUNDS; round++) {
    for (const [index, sessions] of SESSION_COUNTS.entries()) {
      for (const entry of running) {
        const result = await closedLoop(entry.sseUrl, sessions, { durationMs: DURATION_MS });
        entry.rounds[index]!.push(result);
        process.stderr.write(`  round ${round + 1}, ${entry.contender.name}, ${sessions} sessions: ${result.requestsPerSecond.toFixed(0)} req/s\n`);
      }
    }
  }
} finally {
  await Promise.all(running.map((entry) => entry.server.stop()));
}

const results = new Map<string, Measured>(
  running.map((entry) => [
    entry.contender.name,
    { load: entry.rounds.map(median), kibPerSession: entry.kibPerSession, oversize: entry.oversize },
  ]),
);

const ours = results.get("reference server")!;
const sdk = results.get("SDK SSEServerTransport + express")!;
const bare = results.get("bare node:http")!;
const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;
const verdict = (ok: boolean): string => (ok ? "met" : "**missed**");
const rows: string[] = [
  "| measure | reference server | SDK + express | bare node:http | reference / bare | SDK / bare | target |",
  "|---|---|---|---|---|---|---|",
];
SESSION_COUNTS.forEach((sessions, i) => {
  const [o, s, b] = [ours.load[i]!, sdk.load[i]!, bare.load[i]!];
  rows.push(
    `| req/s, ${sessions} session${sessions > 1 ? "s" : ""} | ${o.requestsPerSecond.toFixed(0)} | ${s.requestsPerSecond.toFixed(0)} | ${b.requestsPerSecond.toFixed(0)} | ${ratio(o.requestsPerSecond, b.requestsPerSecond)} | ${ratio(s.requestsPerSecond, b.requestsPerSecond)} | ≥ 0.9× ${verdict(o.requestsPerSecond >= 0.9 * b.requestsPerSecond)} |`,
    `| p50 / p99 ms, ${sessions} | ${o.p50Ms.toFixed(2)} / ${o.p99Ms.toFixed(2)} | ${s.p50Ms.toFixed(2)} / ${s.p99Ms.toFixed(2)} | ${b.p50Ms.toFixed(2)} / ${b.p99Ms.toFixed(2)} | | | |`,
  );
});
rows.push(
  `| RSS per idle session (${IDLE_SESSIONS}) | ${ours.kibPerSession.toFixed(1)} KiB | ${sdk.kibPerSession.toFixed(1)} KiB | ${bare.kibPerSession.toFixed(1)} KiB | ${ratio(ours.kibPerSession, bare.kibPerSession)} | ${ratio(sdk.kibPerSession, bare.kibPerSession)} | ≤ 40 KiB ${verdict(ours.kibPerSession <= 40)} |`,
);
const oversizeCell = (r: OversizeResult): string => (r.status ? `${r.status} in ${r.ms.toFixed(1)} ms` : `no answer in ${r.ms.toFixed(0)} ms`);
rows.push(
  `| declared 64 MiB POST, headers only | ${oversizeCell(ours.oversize)} | ${oversizeCell(sdk.oversize)} | ${oversizeCell(bare.oversize)} | | | 413 < 50 ms ${verdict(ours.oversize.status === 413 && ours.oversize.ms < 50)} |`,
);
console.log(`Median of ${ROUNDS} rounds of ${DURATION_MS} ms per scenario, servers taking turns; node ${process.version}, ${os.cpus().length} cores.\n`);
console.log("### HTTP+SSE (2024-11-05)\n");
console.log(rows.join("\n"));

const streamableRows = await streamableTable({ nodeFlags: NODE_FLAGS, durationMs: DURATION_MS, rounds: ROUNDS, idleSessions: IDLE_SESSIONS });
console.log("\n### Streamable HTTP (2026-07-28 requests; legacy 2025 sessions for memory)\n");
console.log(streamableRows.join("\n"));
