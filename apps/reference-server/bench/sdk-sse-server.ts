/**
 * The official SDK's SSEServerTransport under express, with the same `echo` tool: what most
 * published MCP SSE servers are built from. Prints `LISTENING http://127.0.0.1:<port>/sse`.
 */
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { SSEServerTransport } from "@modelcontextprotocol/sdk/server/sse.js";
import express from "express";
import type { AddressInfo } from "node:net";
import { z } from "zod";

const transports = new Map<string, SSEServerTransport>();
const app = express();

app.get("/sse", async (_req, res) => {
  const transport = new SSEServerTransport("/messages", res);
  transports.set(transport.sessionId, transport);
  res.on("close", () => transports.delete(transport.sessionId));
  const server = new McpServer({ name: "sdk-sse-echo", version: "0.0.1" });
  server.registerTool("echo", { description: "Echoes the text", inputSchema: { text: z.string() } }, async ({ text }) => ({
    content: [{ type: "text", text }],
  }));
  await server.connect(transport);
});

app.post("/messages", async (req, res) => {
  const transport = transports.get(String(req.query["sessionId"] ?? ""));
  if (!transport) {
    res.status(404).end();
    return;
  }
  await transport.handlePostMessage(req, res);
});

const listener = app.listen(Number(process.env["PORT"] ?? 0), "127.0.0.1", () => {
  console.log(`LISTENING http://127.0.0.1:${(listener.address() as AddressInfo).port}/sse`);
});
process.on("SIGTERM", () => process.exit(0));
