/**
 * N clients, each on its own keep-alive connection, sending a 2026-07-28 `tools/call echo` and
 * waiting for its answer before the next: the closed-loop load of the Streamable HTTP table. Every
 * answer must carry the echoed text, so a server that answers errors fast cannot look fast.
 * Bounded by a time window and a request cap.
 */
import type { LoadResult } from "./closed-loop.js";
import { PostConnection } from "./post-connection.js";

const MODERN = "2026-07-28";

function echoCall(id: number, text: string): string {
  return JSON.stringify({
    jsonrpc: "2.0",
    id,
    method: "tools/call",
    params: {
      name: "echo",
      arguments: { text },
      _meta: {
        "io.modelcontextprotocol/protocolVersion": MODERN,
        "io.modelcontextprotocol/clientCapabilities": {},
        "io.modelcontextprotocol/clientInfo": { name: "bench", version: "0" },
      },
    },
  });
}

const HEADERS = {
  "Content-Type": "application/json",
  Accept: "application/json, text/event-stream",
  "MCP-Protocol-Version": MODERN,
  "Mcp-Method": "tools/call",
  "Mcp-Name": "echo",
};

export async function modernClosedLoop(
  url: string,
  clientCount: number,
  { durationMs = 3_000, maxRequestsPerClient = 200_000 } = {},
): Promise<LoadResult> {
  const connections = Array.from({ length: clientCount }, () => new PostConnection(new URL(url)));
  try {
    const latencies: number[] = [];
    const started = performance.now();
    const deadline = started + durationMs;
    await Promise.all(
      connections.map(async (connection, index) => {
        for (let n = 0; n < maxRequestsPerClient && performance.now() < deadline; n++) {
          const text = `client ${index} request ${n}`;
          const sent = performance.now();
          const answer = await connection.post(echoCall(n + 1, text), HEADERS);
          if (!answer.includes(`"text":"${text}"`)) throw new Error(`${url} did not echo '${text}': ${answer.slice(0, 300)}`);
          latencies.push(performance.now() - sent);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const at = (q: number): number => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
    return { sessions: clientCount, requests: latencies.length, requestsPerSecond: latencies.length / seconds, p50Ms: at(0.5), p99Ms: at(0.99) };
  } finally {
    for (const connection of connections) connection.close();
  }
}
