/**
 * The official SDK's legacy HTTP+SSE transport (`SSEServerTransport`) under express, the way its
 * README wires it, with one `echo` tool. Run as a child: `node --import tsx sdk-sse-server.ts`.
 * Listens on 127.0.0.1 on $PORT (default 0) and prints `LISTENING http://127.0.0.1:<port>/sse`.
 *
 * No `express.json()`: `handlePostMessage` reads the raw body itself (content-type check and its
 * 4 MB limit). The transport does not route, so the app keeps the session map and answers an
 * unknown or missing session itself; 404 is this app's choice, as in the SDK's examples.
 */
import express from "express";
import type { AddressInfo } from "node:net";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { SSEServerTransport } from "@modelcontextprotocol/sdk/server/sse.js";
import { z } from "zod";

function buildServer(): McpServer {
  const server = new McpServer({ name: "sdk-sse-echo", version: "0.0.1" });
  server.registerTool("echo", { description: "Echoes back the input", inputSchema: { message: z.string() } }, ({ message }) => ({
    content: [{ type: "text", text: `Echo: ${message}` }],
  }));
  return server;
}

function main(): void {
  const app = express();
  const transports = new Map<string, SSEServerTransport>();

  app.get("/sse", async (_req, res) => {
    const transport = new SSEServerTransport("/messages", res);
    transports.set(transport.sessionId, transport);
    res.on("close", () => transports.delete(transport.sessionId));
    await buildServer().connect(transport);
  });

  app.post("/messages", async (req, res) => {
    const sessionId = typeof req.query["sessionId"] === "string" ? req.query["sessionId"] : "";
    const transport = transports.get(sessionId);
    if (!transport) {
      res.status(404).type("text/plain").send(`Unknown sessionId: ${sessionId}`);
      return;
    }
    await transport.handlePostMessage(req, res);
  });

  const server = app.listen(Number(process.env["PORT"] ?? 0), "127.0.0.1", () => {
    process.stdout.write(`LISTENING http://127.0.0.1:${(server.address() as AddressInfo).port}/sse\n`);
  });
  const stop = (): void => {
    for (const transport of transports.values()) void transport.close();
    server.closeAllConnections();
    server.close(() => process.exit(0));
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

main();
