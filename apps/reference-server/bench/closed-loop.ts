/**
 * N sessions, each sending `tools/call echo` and waiting for its answer before the next: the
 * closed-loop load the targets are stated in. Bounded by a time window and a request cap.
 */
import { WireSession } from "./wire-session.js";

export interface LoadResult {
  readonly sessions: number;
  readonly requests: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export async function closedLoop(
  sseUrl: string,
  sessionCount: number,
  { durationMs = 3_000, maxRequestsPerSession = 200_000 } = {},
): Promise<LoadResult> {
  const sessions = await Promise.all(Array.from({ length: sessionCount }, () => WireSession.open(sseUrl)));
  try {
    await Promise.all(sessions.map((s) => handshake(s)));
    const latencies: number[] = [];
    const started = performance.now();
    const deadline = started + durationMs;
    await Promise.all(
      sessions.map(async (session, index) => {
        for (let n = 0; n < maxRequestsPerSession && performance.now() < deadline; n++) {
          const sent = performance.now();
          await session.send({
            jsonrpc: "2.0",
            id: n + 10,
            method: "tools/call",
            params: { name: "echo", arguments: { text: `session ${index} request ${n}` } },
          });
          latencies.push(performance.now() - sent);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const at = (q: number): number => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
    return { sessions: sessionCount, requests: latencies.length, requestsPerSecond: latencies.length / seconds, p50Ms: at(0.5), p99Ms: at(0.99) };
  } finally {
    for (const session of sessions) session.close();
  }
}

async function handshake(session: WireSession): Promise<void> {
  await session.send({
    jsonrpc: "2.0",
    id: 1,
    method: "initialize",
    params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "bench", version: "0" } },
  });
  await session.send({ jsonrpc: "2.0", method: "notifications/initialized" });
}
