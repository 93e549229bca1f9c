/**
 * Resident memory a server spends per idle session: RSS with `count` open streams minus RSS with
 * none, divided by `count`. Read from /proc so the number is the kernel's, not the process's view.
 */
import type { ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import { WireSession } from "./wire-session.js";

export async function residentKiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kib = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  if (!kib) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(kib);
}

/** Asks the child (running gc-on-signal.ts) to collect garbage, and waits until it has. */
export function collectGarbage(child: ChildProcess, timeoutMs = 5_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the server did not answer SIGUSR2 with gc-done")), timeoutMs);
    const onData = (chunk: Buffer): void => {
      if (!chunk.toString("utf8").includes("gc-done")) return;
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      resolve();
    };
    child.stdout?.on("data", onData);
    child.kill("SIGUSR2");
  });
}

export async function kibPerIdleSession(sseUrl: string, child: ChildProcess, count = 1_000): Promise<number> {
  const pid = child.pid ?? 0;
  await collectGarbage(child);
  const before = await residentKiB(pid);
  const sessions: WireSession[] = [];
  try {
    // Open in batches so the listen backlog is never the limit being measured.
    for (let opened = 0; opened < count; opened += 100) {
      const batch = Math.min(100, count - opened);
      sessions.push(...(await Promise.all(Array.from({ length: batch }, () => WireSession.open(sseUrl)))));
    }
    await collectGarbage(child);
    return ((await residentKiB(pid)) - before) / count;
  } finally {
    for (const session of sessions) session.close();
  }
}
