/**
 * Instructions per request, counted by valgrind's callgrind: the measure of the Streamable table
 * that a noisy machine's drift does not move. On a shared 2-core VM, req/s and CPU time per request
 * drift by a third from one second to the next, wider than the 0.9× target; instruction counts of
 * the same load agreed within 2% at 50 clients (at 200 they spread by about 15%: how many requests
 * one event-loop wake-up finds still depends on timing).
 *
 * Each server runs under callgrind with instrumentation off; a count-bounded warm-up lets the JIT
 * settle, then instrumentation goes on, the counters are zeroed, a fixed number of modern
 * `tools/call` round trips run, and instrumentation goes off. Every thread counts (the GC's and
 * the compiler's too), so the figure is the work the request costs the process.
 *
 * valgrind is a system package (Debian: valgrind), not an npm one: without it the rows say it
 * was not measured and give no verdict.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { spawnWithUrl } from "@mcp-contract/test-helpers";
import { modernClosedLoop } from "./modern-loop.js";

const run = promisify(execFile);

export interface CountedContender {
  readonly name: string;
  /** Node arguments: flags, the script, its arguments. */
  readonly nodeArgs: readonly string[];
  /** The endpoint, from the URL the server printed. */
  readonly url: (printed: string) => string;
}

/** The loads counted: as many requests at each client count, so the two rows weigh alike. */
export const COUNTED_LOADS = [
  { clients: 50, requestsPerClient: 100 },
  { clients: 200, requestsPerClient: 25 },
] as const;

async function available(): Promise<boolean> {
  try {
    await run("valgrind", ["--version"]);
    await run("callgrind_control", ["--version"]);
    return true;
  } catch {
    return false;
  }
}

/** Instructions per request of `contender` at each of COUNTED_LOADS, one server process per load. */
async function count(contender: CountedContender): Promise<number[]> {
  const perRequest: number[] = [];
  for (const load of COUNTED_LOADS) {
    const dir = mkdtempSync(path.join(tmpdir(), "mcp-contract-callgrind-"));
    try {
      const server = await spawnWithUrl(
        "valgrind",
        ["--tool=callgrind", "--instr-atstart=no", `--callgrind-out-file=${path.join(dir, "callgrind.%p")}`, process.execPath, ...contender.nodeArgs],
        { readyPattern: /(http:\/\/127\.0\.0\.1:\d+\S*)/, env: { ...process.env, PORT: "0" }, timeoutMs: 120_000 },
      );
      const url = contender.url(server.url);
      const pid = String(server.child.pid);
      let requests = 0;
      try {
        // Bounded by count (under valgrind a time window would hold a fiftieth of the requests).
        await modernClosedLoop(url, load.clients, { durationMs: 300_000, maxRequestsPerClient: load.requestsPerClient * 2 });
        await run("callgrind_control", ["--instr=on", pid]);
        await run("callgrind_control", ["--zero", pid]);
        const result = await modernClosedLoop(url, load.clients, { durationMs: 600_000, maxRequestsPerClient: load.requestsPerClient });
        await run("callgrind_control", ["--instr=off", pid]);
        await run("callgrind_control", ["--dump", pid]);
        requests = result.requests;
      } finally {
        await server.stop();
      }
      // The dump holds the counted window; the dump at exit holds nothing more (instrumentation off).
      const total = readdirSync(dir)
        .map((file) => /^totals: (\d+)$/m.exec(readFileSync(path.join(dir, file), "utf8"))?.[1])
        .reduce((sum, value) => sum + Number(value ?? 0), 0);
      process.stderr.write(`  callgrind, ${contender.name}, ${load.clients} clients: ${requests} requests, ${(total / requests).toFixed(0)} instructions each\n`);
      perRequest.push(total / requests);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return perRequest;
}

/** The table's rows: ours against bare at each counted load, or why nothing was counted. */
export async function instructionRows(ours: CountedContender, bare: CountedContender): Promise<string[]> {
  const label = (clients: number): string => `instructions per request (callgrind, every thread), ${clients} clients`;
  if (process.env["BENCH_CALLGRIND"] === "0") return COUNTED_LOADS.map((load) => `| ${label(load.clients)} | not measured (BENCH_CALLGRIND=0) | | | | | no verdict |`);
  if (!(await available())) {
    return COUNTED_LOADS.map((load) => `| ${label(load.clients)} | not measured: valgrind is not installed (Debian: apt-get install valgrind) | | | | | no verdict |`);
  }
  const [oursCounts, bareCounts] = [await count(ours), await count(bare)];
  return COUNTED_LOADS.map((load, i) => {
    const [o, b] = [oursCounts[i]!, bareCounts[i]!];
    // Inverted so it reads like req/s: bare's work per request over ours.
    const ratio = b / o;
    return `| ${label(load.clients)} | ${(o / 1000).toFixed(1)}k | | ${(b / 1000).toFixed(1)}k | ${ratio.toFixed(2)}× | | ≥ 0.9× ${ratio >= 0.9 ? "met" : "**missed**"} |`;
  });
}
