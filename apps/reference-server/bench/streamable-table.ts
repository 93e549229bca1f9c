/**
 * The Streamable HTTP table of `npm run bench`: 2026-07-28 `tools/call` round trips at 1 / 50 / 200
 * concurrent clients against the reference server's `/mcp`, the SDK v2 server (`createMcpHandler`,
 * modern-only) and a bare node:http JSON-RPC POST server, the servers taking turns; then resident
 * memory per idle legacy (2025) session, ours against the SDK v1 StreamableHTTPServerTransport.
 * Each load row has the server's CPU per request beside its req/s, and ours and bare are also
 * counted in instructions per request (instruction-counts.ts), which a noisy machine cannot move.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { spawnWithUrl, type SpawnedServer } from "@mcp-contract/test-helpers";
import { instructionRows } from "./instruction-counts.js";
import { kibPerLegacySession } from "./legacy-session-memory.js";
import { modernClosedLoop } from "./modern-loop.js";
import { loadRows, memoryVerdict, type Window } from "./load-rows.js";
import { turnOrder } from "./paired-rounds.js";
import { waitUntilIdle, withServerCpu } from "./process-cpu.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const CLIENT_COUNTS = [1, 50, 200] as const;
const READY = /(http:\/\/127\.0\.0\.1:\d+\S*)/;

export interface StreamableBenchOptions {
  readonly nodeFlags: readonly string[];
  readonly durationMs: number;
  readonly rounds: number;
  readonly idleSessions: number;
}

interface Contender {
  readonly name: string;
  readonly script: string;
  readonly args?: readonly string[];
  /** The endpoint, from the URL the server printed. */
  readonly url: (printed: string) => string;
}

const reference = (args: readonly string[] = []): Contender => ({
  name: "reference server",
  script: path.join(here, "../src/main.ts"),
  // The per-session rate limit is a feature the baselines lack; off, as in the SSE table.
  args: ["--port", "0", "--rate-limit-per-minute", "0", "--db", ":memory:", ...args],
  url: (printed) => `${new URL(printed).origin}/mcp`,
});

// The reference server and the bare one side by side, so in every round (forward or reversed)
// their windows are adjacent and their per-round ratio compares like with like.
const LOAD_CONTENDERS: readonly Contender[] = [
  reference(),
  { name: "bare node:http", script: path.join(here, "bare-streamable-server.ts"), url: (printed) => printed },
  { name: "SDK v2 createMcpHandler", script: path.join(here, "sdk-v2-server.ts"), url: (printed) => printed },
];

function spawn(contender: Contender, options: StreamableBenchOptions): Promise<SpawnedServer> {
  return spawnWithUrl(process.execPath, [...options.nodeFlags, contender.script, ...(contender.args ?? [])], {
    readyPattern: READY,
    env: { ...process.env, PORT: "0" },
  });
}

/** One contender's windows: for each client count, one per round. */
type Rounds = Window[][];

async function measureLoad(options: StreamableBenchOptions): Promise<Rounds[]> {
  const running: { name: string; url: string; server: SpawnedServer; rounds: Rounds }[] = [];
  try {
    for (const contender of LOAD_CONTENDERS) {
      const server = await spawn(contender, options);
      const url = contender.url(server.url);
      process.stderr.write(`${contender.name}: ${url}\n`);
      running.push({ name: contender.name, url, server, rounds: CLIENT_COUNTS.map(() => []) });
      await modernClosedLoop(url, 20, { durationMs: 500 }); // warm-up: let the JIT settle
    }
    for (let round = 0; round < options.rounds; round++) {
      for (const [index, clients] of CLIENT_COUNTS.entries()) {
        for (const entry of turnOrder(running, round)) {
          const settled = await waitUntilIdle(running.map((other) => other.server.child.pid!));
          const result = await withServerCpu(entry.server.child.pid!, () =>
            modernClosedLoop(entry.url, clients, { durationMs: options.durationMs }),
          );
          entry.rounds[index]!.push(result);
          process.stderr.write(
            `  round ${round + 1}, ${entry.name}, ${clients} clients: ${result.requestsPerSecond.toFixed(0)} req/s, ${result.cpuUsPerRequest.toFixed(1)} µs CPU per request (servers idle after ${settled.toFixed(0)} ms)\n`,
          );
        }
      }
    }
  } finally {
    await Promise.all(running.map((entry) => entry.server.stop()));
  }
  return running.map((entry) => entry.rounds);
}

/** KiB per idle legacy session, each contender in a fresh process. */
async function measureIdleSessions(options: StreamableBenchOptions): Promise<[number, number]> {
  const contenders: Contender[] = [
    reference(["--max-sessions", String(options.idleSessions * 2)]),
    { name: "SDK v1 StreamableHTTPServerTransport", script: path.join(here, "sdk-streamable-server.ts"), url: (printed) => printed },
  ];
  const kib: number[] = [];
  for (const contender of contenders) {
    const server = await spawn(contender, options);
    try {
      kib.push(await kibPerLegacySession(contender.url(server.url), server.child, options.idleSessions));
    } finally {
      await server.stop();
    }
  }
  return [kib[0]!, kib[1]!];
}

/** Runs every measurement and returns the table's Markdown lines. */
export async function streamableTable(options: StreamableBenchOptions): Promise<string[]> {
  const [idleOurs, idleSdk] = await measureIdleSessions(options);
  const [ours, bare, sdk] = await measureLoad(options);
  const rows = [
    "| measure (2026-07-28 `tools/call`) | reference `/mcp` | SDK v2 | bare node:http | reference / bare | SDK / bare | target |",
    "|---|---|---|---|---|---|---|",
  ];
  CLIENT_COUNTS.forEach((clients, i) => {
    rows.push(...loadRows(clients, "client", { ours: ours![i]!, sdk: sdk![i]!, bare: bare![i]! }));
  });
  const counted = (contender: Contender) => ({
    name: contender.name,
    nodeArgs: [...options.nodeFlags, contender.script, ...(contender.args ?? [])],
    url: contender.url,
  });
  rows.push(...(await instructionRows(counted(LOAD_CONTENDERS[0]!), counted(LOAD_CONTENDERS[1]!))));
  rows.push(
    `| RSS per idle legacy session (${options.idleSessions}; SDK column: v1 StreamableHTTPServerTransport) | ${idleOurs.toFixed(1)} KiB | ${idleSdk.toFixed(1)} KiB | | | | ${memoryVerdict(idleOurs)} |`,
  );
  return rows;
}
