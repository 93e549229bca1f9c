import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import type { Session } from "../../src/session/session.js";
import { CELONIS_BUILTIN, sessionClosed, startApp } from "./harness.js";

/** The SSE URL each dialect publishes; the SDK is given it unchanged. */
const SSE_URLS = [
  { name: "Spice", path: "/v1/mcp/sse" },
  { name: "OpenSearch (default endpoint data)", path: "/_plugins/_ml/mcp/sse" },
  { name: "OpenSearch (append_to_base_url=true)", path: "/_plugins/_ml/mcp/sse?append_to_base_url=true" },
  { name: "Celonis", path: CELONIS_BUILTIN },
];

async function connectClient(url: string, headers: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: "interop-test", version: "1.0.0" });
  await client.connect(new SSEClientTransport(new URL(url), { requestInit: { headers } }));
  return client;
}

describe("official SDK client (SSEClientTransport)", () => {
  it.each(SSE_URLS)("$name: connects, initializes, lists tools and calls echo", async ({ path }) => {
    await using server = await startApp();
    const opened = once(server.app.sessions, "open") as Promise<[Session]>;
    const client = await connectClient(server.url + path);
    const [session] = await opened;
    try {
      expect(client.getServerVersion()).toEqual({ name: "mcp-contract-reference-server", version: "0.1.0" });
      expect(client.getServerCapabilities()).toEqual({ tools: { listChanged: false } });
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toContain("echo");
      const result = await client.callTool({ name: "echo", arguments: { text: "interop" } });
      expect(result.content).toEqual([{ type: "text", text: "interop" }]);
      expect(result.structuredContent).toEqual({ text: "interop" });
      expect(await client.ping()).toEqual({});
    } finally {
      await client.close();
    }
    // Closing the client closes its stream, and the server forgets the session.
    await sessionClosed(server.app, session.id);
    expect(server.app.sessions.size).toBe(0);
  });

  it("receives progress, tool errors and JSON-RPC errors as the SDK expects", async () => {
    await using server = await startApp();
    const client = await connectClient(`${server.url}/v1/mcp/sse`);
    try {
      const progress: number[] = [];
      await client.callTool({ name: "progress", arguments: { steps: 3 } }, undefined, { onprogress: (p) => progress.push(p.progress) });
      expect(progress).toEqual([1, 2, 3]);
      expect(await client.callTool({ name: "fail", arguments: {} })).toMatchObject({ isError: true });
      await expect(client.callTool({ name: "echo", arguments: { text: 1 } })).rejects.toThrow("Invalid params for tool echo: /text must be string");
      await expect(client.callTool({ name: "throw", arguments: {} })).rejects.toThrow("Internal error");
    } finally {
      await client.close();
    }
  });

  it("sends the API key with requestInit headers", async () => {
    await using server = await startApp({ config: { apiKeys: ["sdk-key"], bearerTokens: ["sdk-token"] } });
    await expect(connectClient(`${server.url}/v1/mcp/sse`)).rejects.toThrow(/401/);
    const spice = await connectClient(`${server.url}/v1/mcp/sse`, { "X-API-Key": "sdk-key" });
    const celonis = await connectClient(server.url + CELONIS_BUILTIN, { Authorization: "Bearer sdk-token" });
    try {
      expect((await spice.listTools()).tools.length).toBeGreaterThan(0);
      expect((await celonis.callTool({ name: "echo", arguments: { text: "c" } })).content).toEqual([{ type: "text", text: "c" }]);
    } finally {
      await spice.close();
      await celonis.close();
    }
  });
});
