/**
 * CPU time a server process spent, from /proc/<pid>/stat (user + system, every thread), so a
 * load window can be priced in CPU microseconds per answered request. req/s alone compares
 * servers only while the server is what saturates; on a 2-core machine the load generator can
 * cap a fast server first, and the req/s ratio then flatters the slower one. CPU per request
 * does not depend on who saturated.
 */
import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";

/** Clock ticks per second of /proc's utime and stime (100 on every Linux this runs on). */
const TICKS_PER_SECOND = ((): number => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** User + system CPU milliseconds the process `pid` has used so far. */
export async function cpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8");
  // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // utime and stime are fields 14 and 15 of the whole line, so 11 and 12 after the name.
  const ticks = Number(fields[11]) + Number(fields[12]);
  if (!Number.isFinite(ticks)) throw new Error(`no utime/stime in /proc/${pid}/stat`);
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** Runs `load` and returns its result with the server's CPU microseconds per request during it. */
export async function withServerCpu<T extends { readonly requests: number }>(
  pid: number,
  load: () => Promise<T>,
): Promise<T & { readonly cpuUsPerRequest: number }> {
  const before = await cpuMs(pid);
  const result = await load();
  const spent = (await cpuMs(pid)) - before;
  return { ...result, cpuUsPerRequest: result.requests > 0 ? (spent * 1000) / result.requests : NaN };
}

/**
 * Waits until the processes `pids` together use under 5% of a core for `quietMs`, or `maxMs`
 * has passed; resolves with how long it waited. A window that starts while a server is still
 * busy after its own (the SDK server's GC after a load runs for a second and more) would be
 * charged for that server's work: measured here, the reference server lost about a fifth of its
 * req/s in windows that followed the SDK's.
 */
export async function waitUntilIdle(pids: readonly number[], { quietMs = 200, maxMs = 5_000 } = {}): Promise<number> {
  const started = performance.now();
  const total = async (): Promise<number> => (await Promise.all(pids.map(cpuMs))).reduce((a, b) => a + b, 0);
  let mark = await total();
  let markAt = performance.now();
  while (performance.now() - started < maxMs) {
    await new Promise((resolve) => setTimeout(resolve, quietMs / 4));
    const now = performance.now();
    const used = await total();
    if (now - markAt >= quietMs) {
      if (used - mark < (now - markAt) * 0.05) return now - started;
      mark = used;
      markAt = now;
    }
  }
  return performance.now() - started;
}
