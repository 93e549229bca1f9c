import { createServer } from "node:http";
import { startServer } from "@mcp-contract/test-helpers";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { SSEServerTransport } from "@modelcontextprotocol/sdk/server/sse.js";
import { describe, expect, it } from "vitest";
import { createGateway } from "../../src/gateway.js";
import { openSession, post, SSE_DIALECTS } from "./harness.js";

/** Resolves when `promise` does, or rejects saying what did not happen within `ms`. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  return Promise.race([promise, bound]).finally(() => clearTimeout(timer));
}

/**
 * An SDK MCP server (SSE) whose `wait` tool runs until its own request is aborted, and says when
 * it started and when it saw the abort: the only way to observe that a cancellation got through.
 */
async function startWaitingUpstream() {
  let started!: () => void;
  let aborted!: () => void;
  const events = {
    started: new Promise<void>((resolve) => (started = resolve)),
    aborted: new Promise<void>((resolve) => (aborted = resolve)),
  };
  const transports = new Map<string, SSEServerTransport>();
  const http = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (req.method === "GET" && url.pathname === "/sse") {
      const transport = new SSEServerTransport("/messages", res);
      transports.set(transport.sessionId, transport);
      const server = new McpServer({ name: "waiting", version: "1.0.0" });
      server.registerTool("wait", { description: "Waits until cancelled" }, (extra) => {
        started();
        return new Promise((resolve) => {
          extra.signal.addEventListener("abort", () => {
            aborted();
            resolve({ content: [{ type: "text", text: "aborted" }] });
          });
        });
      });
      void server.connect(transport);
      return;
    }
    const transport = transports.get(url.searchParams.get("sessionId") ?? "");
    if (!transport) return void res.writeHead(404).end();
    void transport.handlePostMessage(req, res);
  });
  const running = await startServer(http, { wireContract: false /* an upstream: the SDK v1 SSEServerTransport, a peer from npm */ });
  return { ...events, url: `${running.url}/sse`, close: () => running.close() };
}

describe("cancellation (notifications/cancelled)", () => {
  it("aborts a running tool call, as far as the upstream it proxies to, and sends no answer for it", async () => {
    const upstream = await startWaitingUpstream();
    // Registry writes need the operator token (issue 11), which then every endpoint asks for.
    const operator = "operator-cancellation-2b9e";
    const auth = { authorization: `Bearer ${operator}` };
    const gateway = createGateway({ config: { adminTokens: [operator] }, registry: { databasePath: ":memory:", upstreamHostAllowlist: ["127.0.0.1"] }, log: () => {} });
    await using running = await startServer(gateway.app.server);
    try {
      const created = await post(`${running.url}/v1/mcp-servers`, { server_name: "up", mcp_server_type: "sse", server_url: upstream.url }, auth);
      expect(created.status).toBe(201);
      const id = String((created.json() as Record<string, unknown>)["id"]);
      expect((await fetch(`${running.url}/v1/mcp-servers/${id}/refresh`, { method: "PATCH", headers: auth })).status).toBe(200);

      await using session = await openSession(running.url, SSE_DIALECTS[0]!, auth);
      await session.request(0, "initialize", { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "1" } });
      expect((await post(session.postUrl, { jsonrpc: "2.0", id: "long", method: "tools/call", params: { name: "up__wait", arguments: {} } }, auth)).status).toBe(202);
      await within(upstream.started, 10_000, "the upstream tool starting");

      const cancel = { jsonrpc: "2.0", method: "notifications/cancelled", params: { requestId: "long", reason: "user gave up" } };
      expect((await post(session.postUrl, cancel, auth)).status).toBe(202);
      await within(upstream.aborted, 10_000, "the upstream seeing the cancellation");

      // An answer for "long" would have been written before this ping's (the cancel settled it first).
      await session.request("after", "ping");
      expect(session.messages().filter((message) => (message as { id?: unknown }).id === "long")).toEqual([]);
      // Cancelling an unknown or finished request is ignored, and the session goes on.
      expect((await post(session.postUrl, { ...cancel, params: { requestId: "never-sent" } }, auth)).status).toBe(202);
      expect(await session.request("again", "ping")).toMatchObject({ id: "again", result: {} });
    } finally {
      await gateway.close();
      await upstream.close();
    }
  });
});
