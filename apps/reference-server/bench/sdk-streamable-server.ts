/**
 * The official SDK v1's stateful StreamableHTTPServerTransport on node:http, one McpServer with the
 * same `echo` tool per session: how published stateful Streamable HTTP servers are built. Prints
 * `LISTENING http://127.0.0.1:<port>/mcp`.
 */
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { z } from "zod";

const transports = new Map<string, StreamableHTTPServerTransport>();

const http = createServer(async (req, res) => {
  const id = req.headers["mcp-session-id"];
  const known = typeof id === "string" ? transports.get(id) : undefined;
  if (known) return known.handleRequest(req, res);
  if (req.method !== "POST") return void res.writeHead(400).end();
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (sessionId) => void transports.set(sessionId, transport),
  });
  transport.onclose = () => {
    if (transport.sessionId) transports.delete(transport.sessionId);
  };
  const server = new McpServer({ name: "sdk-streamable-echo", version: "0.0.1" });
  server.registerTool("echo", { description: "Echoes the text", inputSchema: { text: z.string() } }, async ({ text }) => ({
    content: [{ type: "text", text }],
  }));
  await server.connect(transport);
  await transport.handleRequest(req, res);
});

http.listen(Number(process.env["PORT"] ?? 0), "127.0.0.1", () => {
  console.log(`LISTENING http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`);
});
process.on("SIGTERM", () => process.exit(0));
