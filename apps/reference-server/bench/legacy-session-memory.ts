/**
 * Resident memory a server spends per idle legacy Streamable HTTP session: RSS after `count`
 * sessions were initialized (initialize, then notifications/initialized, each on a connection of
 * its own that then closes, so no socket is counted) minus RSS before, divided by `count`.
 */
import type { ChildProcess } from "node:child_process";
import { request } from "node:http";
import { collectGarbage, residentKiB } from "./idle-memory.js";

const INITIALIZE = JSON.stringify({
  jsonrpc: "2.0",
  id: 0,
  method: "initialize",
  params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "bench", version: "1.0.0" } },
});
const INITIALIZED = JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" });

/** One POST on a fresh connection (Connection: close); resolves with the status and headers. */
function postOnce(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; sessionId: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: "POST",
      agent: false,
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream", connection: "close", ...headers },
    });
    req.setTimeout(10_000, () => req.destroy(new Error(`no answer from ${url} in 10 s`)));
    req.once("error", reject);
    req.once("response", (res) => {
      res.resume();
      res.once("end", () => {
        const id = res.headers["mcp-session-id"];
        resolve({ status: res.statusCode ?? 0, sessionId: typeof id === "string" ? id : undefined });
      });
    });
    req.end(body);
  });
}

/** Opens one idle session at `url`; rejects when the server does not answer as the spec says. */
export async function openLegacySession(url: string): Promise<string> {
  const init = await postOnce(url, INITIALIZE, {});
  if (init.status !== 200 || !init.sessionId) throw new Error(`initialize at ${url} answered ${init.status} without a session id`);
  const done = await postOnce(url, INITIALIZED, { "mcp-session-id": init.sessionId, "mcp-protocol-version": "2025-11-25" });
  if (done.status !== 202) throw new Error(`notifications/initialized at ${url} answered ${done.status}, not 202`);
  return init.sessionId;
}

export async function kibPerLegacySession(url: string, child: ChildProcess, count = 1_000): Promise<number> {
  const pid = child.pid ?? 0;
  // One session first, so code paths and caches that exist once are not charged to the count.
  await openLegacySession(url);
  await collectGarbage(child);
  const before = await residentKiB(pid);
  for (let opened = 0; opened < count; opened += 50) {
    await Promise.all(Array.from({ length: Math.min(50, count - opened) }, () => openLegacySession(url)));
  }
  await collectGarbage(child);
  return ((await residentKiB(pid)) - before) / count;
}
