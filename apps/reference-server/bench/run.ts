/**
 * `npm run bench`: the reference server, the SDK's SSEServerTransport under express, and a bare
 * node:http server, measured side by side in one run on loopback. Prints a Markdown table with
 * ratios against the bare server (the practical limit) and the targets.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { spawnWithUrl, type SpawnedServer } from "@mcp-contract/test-helpers";
import { closedLoop, type LoadResult } from "./closed-loop.js";
import { kibPerIdleSession } from "./idle-memory.js";
import { declaredOversize, type OversizeResult } from "./oversize.js";
import { WireSession } from "./wire-session.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const SESSION_COUNTS = [1, 50, 200] as const;
const DURATION_MS = Number(process.env["BENCH_DURATION_MS"] ?? 3_000);
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
    args: [...NODE_FLAGS, path.join(here, "../src/main.ts"), "--port", "0"],
    sseUrl: (printed) => `${new URL(printed).origin}/v1/mcp/sse`,
  },
  {
    name: "SDK SSEServerTransport + express",
    args: [...NODE_FLAGS, path.join(here, "sdk-sse-server.ts")],
    sseUrl: (printed) => printed,
  },
  { name: "bare node:http", args: [...NODE_FLAGS, path.join(here, "bare-sse-server.ts")], sseUrl: (printed) => printed },
];

interface Measured {
  readonly load: LoadResult[];
  readonly kibPerSession: number;
  readonly oversize: OversizeResult;
}

async function measure(contender: Contender): Promise<Measured> {
  const server: SpawnedServer = await spawnWithUrl(process.execPath, contender.args, {
    readyPattern: /(http:\/\/127\.0\.0\.1:\d+\S*)/,
    env: { ...process.env, PORT: "0" },
  });
  try {
    const sseUrl = contender.sseUrl(server.url);
    process.stderr.write(`${contender.name}: ${sseUrl}\n`);
    // Memory first, on a fresh process, so the load phase's heap growth does not hide it.
    const kibPerSession = await kibPerIdleSession(sseUrl, server.child, IDLE_SESSIONS);
    await closedLoop(sseUrl, 20, { durationMs: 500 }); // warm-up: let the JIT settle
    const load: LoadResult[] = [];
    for (const sessions of SESSION_COUNTS) {
      load.push(await closedLoop(sseUrl, sessions, { durationMs: DURATION_MS }));
      process.stderr.write(`  ${sessions} sessions: ${load.at(-1)?.requestsPerSecond.toFixed(0)} req/s\n`);
    }
    const probe = await WireSession.open(sseUrl);
    const oversize = await declaredOversize(probe.endpoint);
    probe.close();
    return { load, kibPerSession, oversize };
  } finally {
    await server.stop();
  }
}

const results = new Map<string, Measured>();
for (const contender of contenders) results.set(contender.name, await measure(contender));

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
  `| declared 64 MiB POST | ${oversizeCell(ours.oversize)} | ${oversizeCell(sdk.oversize)} | ${oversizeCell(bare.oversize)} | | | 413 < 50 ms ${verdict(ours.oversize.status === 413 && ours.oversize.ms < 50)} |`,
);
console.log(rows.join("\n"));
