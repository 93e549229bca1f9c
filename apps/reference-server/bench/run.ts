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
import { closedLoop } from "./closed-loop.js";
import { kibPerIdleSession } from "./idle-memory.js";
import { loadRows, memoryVerdict, verdict, type Window } from "./load-rows.js";
import { turnOrder } from "./paired-rounds.js";
import { waitUntilIdle, withServerCpu } from "./process-cpu.js";
import { declaredOversize, type OversizeResult } from "./oversize.js";
import { streamableTable } from "./streamable-table.js";
import { WireSession } from "./wire-session.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const SESSION_COUNTS = [1, 50, 200] as const;
const DURATION_MS = Number(process.env["BENCH_DURATION_MS"] ?? 1_000);
/** Each scenario runs this many rounds, the servers taking turns; short windows, many rounds, so a drifting machine moves both windows of a pair alike. */
const ROUNDS = Number(process.env["BENCH_ROUNDS"] ?? 9);
const IDLE_SESSIONS = Number(process.env["BENCH_IDLE_SESSIONS"] ?? 1_000);

/** The same flags for every server: TypeScript through tsx, and a GC the harness can trigger. */
const NODE_FLAGS = ["--expose-gc", "--import", "tsx", "--import", path.join(here, "gc-on-signal.ts")];

interface Contender {
  readonly name: string;
  readonly args: string[];
  /** The SSE URL, from the URL the server printed. */
  readonly sseUrl: (printed: string) => string;
}

// The reference server and the bare one side by side: in every round, forward or reversed, their
// windows are adjacent, so their per-round ratio compares like with like.
const contenders: Contender[] = [
  {
    name: "reference server",
    // The per-session rate limit (500 tools/call a minute) is a feature the baselines lack; it is
    // turned off so the comparison is of the request path alone. The registry uses an in-memory DB.
    args: [...NODE_FLAGS, path.join(here, "../src/main.ts"), "--port", "0", "--rate-limit-per-minute", "0", "--db", ":memory:"],
    sseUrl: (printed) => `${new URL(printed).origin}/v1/mcp/sse`,
  },
  { name: "bare node:http", args: [...NODE_FLAGS, path.join(here, "bare-sse-server.ts")], sseUrl: (printed) => printed },
  {
    name: "SDK SSEServerTransport + express",
    args: [...NODE_FLAGS, path.join(here, "sdk-sse-server.ts")],
    sseUrl: (printed) => printed,
  },
];

interface Running {
  readonly contender: Contender;
  readonly server: SpawnedServer;
  readonly sseUrl: string;
  readonly kibPerSession: number;
  readonly oversize: OversizeResult;
  /** For each session count, one window per round. */
  readonly rounds: Window[][];
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

const running: Running[] = [];
try {
  for (const contender of contenders) running.push(await start(contender));
  // Servers take turns within each round, so a burst of background load hits all of them alike.
  for (let round = 0; round < ROUNDS; round++) {
    for (const [index, sessions] of SESSION_COUNTS.entries()) {
      for (const entry of turnOrder(running, round)) {
        const settled = await waitUntilIdle(running.map((other) => other.server.child.pid!));
        const result = await withServerCpu(entry.server.child.pid!, () => closedLoop(entry.sseUrl, sessions, { durationMs: DURATION_MS }));
        entry.rounds[index]!.push(result);
        process.stderr.write(
          `  round ${round + 1}, ${entry.contender.name}, ${sessions} sessions: ${result.requestsPerSecond.toFixed(0)} req/s, ${result.cpuUsPerRequest.toFixed(1)} µs CPU per request (servers idle after ${settled.toFixed(0)} ms)\n`,
        );
      }
    }
  }
} finally {
  await Promise.all(running.map((entry) => entry.server.stop()));
}

const results = new Map<string, Running>(running.map((entry) => [entry.contender.name, entry]));
const ours = results.get("reference server")!;
const sdk = results.get("SDK SSEServerTransport + express")!;
const bare = results.get("bare node:http")!;
const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;
const rows: string[] = [
  "| measure | reference server | SDK + express | bare node:http | reference / bare | SDK / bare | target |",
  "|---|---|---|---|---|---|---|",
];
SESSION_COUNTS.forEach((sessions, i) => {
  rows.push(...loadRows(sessions, "session", { ours: ours.rounds[i]!, sdk: sdk.rounds[i]!, bare: bare.rounds[i]! }));
});
rows.push(
  `| RSS per idle session (${IDLE_SESSIONS}) | ${ours.kibPerSession.toFixed(1)} KiB | ${sdk.kibPerSession.toFixed(1)} KiB | ${bare.kibPerSession.toFixed(1)} KiB | ${ratio(ours.kibPerSession, bare.kibPerSession)} | ${ratio(sdk.kibPerSession, bare.kibPerSession)} | ${memoryVerdict(ours.kibPerSession)} |`,
);
const oversizeCell = (r: OversizeResult): string => (r.status ? `${r.status} in ${r.ms.toFixed(1)} ms` : `no answer in ${r.ms.toFixed(0)} ms`);
rows.push(
  `| declared 64 MiB POST, headers only | ${oversizeCell(ours.oversize)} | ${oversizeCell(sdk.oversize)} | ${oversizeCell(bare.oversize)} | | | 413 < 50 ms ${verdict(ours.oversize.status === 413 && ours.oversize.ms < 50)} |`,
);
console.log(
  `${ROUNDS} rounds of ${DURATION_MS} ms per scenario, servers taking turns (order reversed every other round, each window once every server is idle); figures are medians over rounds, ratios the median of per-round ratios with the middle half of the rounds in brackets; node ${process.version}, ${os.cpus().length} cores.\n`,
);
console.log("### HTTP+SSE (2024-11-05)\n");
console.log(rows.join("\n"));

const streamableRows = await streamableTable({ nodeFlags: NODE_FLAGS, durationMs: DURATION_MS, rounds: ROUNDS, idleSessions: IDLE_SESSIONS });
console.log("\n### Streamable HTTP (2026-07-28 requests; legacy 2025 sessions for memory)\n");
console.log(streamableRows.join("\n"));
