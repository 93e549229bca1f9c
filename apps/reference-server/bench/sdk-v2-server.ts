/**
 * The official SDK v2 server (`@modelcontextprotocol/server` `createMcpHandler`, through
 * `@modelcontextprotocol/node`) serving 2026-07-28 requests only, with the same `echo` tool: how
 * published modern Streamable HTTP servers are built. Prints `LISTENING http://127.0.0.1:<port>/mcp`.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { toNodeHandler } from "@modelcontextprotocol/node";
import { createMcpHandler, McpServer } from "@modelcontextprotocol/server";
import { z } from "zod";

const handler = createMcpHandler(
  () => {
    const server = new McpServer({ name: "sdk-v2-echo", version: "0.0.1" });
    // The reference server's echo: an outputSchema, so the answer carries structuredContent too.
    server.registerTool(
      "echo",
      { description: "Echoes the text", inputSchema: z.object({ text: z.string() }), outputSchema: z.object({ text: z.string() }) },
      async ({ text }) => ({ content: [{ type: "text", text }], structuredContent: { text } }),
    );
    return server;
  },
  { legacy: "reject" },
);
const node = toNodeHandler(handler);
const http = createServer((req, res) => void node(req, res));

http.listen(Number(process.env["PORT"] ?? 0), "127.0.0.1", () => {
  console.log(`LISTENING http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`);
});
process.on("SIGTERM", () => process.exit(0));
