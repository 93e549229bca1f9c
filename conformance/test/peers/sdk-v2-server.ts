/**
 * The official SDK v2 server (`@modelcontextprotocol/server`) on `/mcp` through `createMcpHandler`
 * and `toNodeHandler`, as its README wires it, with one `echo` tool: `modern-only` is
 * `legacy: "reject"` (2026-07-28 only); `dual-era` is the default `legacy: "stateless"` (2025
 * clients served statelessly beside modern ones). Run as a child:
 * `node --import tsx sdk-v2-server.ts modern-only|dual-era`. Listens on 127.0.0.1, port 0, and
 * prints `LISTENING http://127.0.0.1:<port>/mcp`.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { toNodeHandler } from "@modelcontextprotocol/node";
import { createMcpHandler, McpServer } from "@modelcontextprotocol/server";
import { z } from "zod";

function buildServer(): McpServer {
  const server = new McpServer({ name: "sdk-v2-echo", version: "0.0.1" });
  server.registerTool("echo", { description: "Echoes text back", inputSchema: z.object({ text: z.string() }) }, async ({ text }) => ({
    content: [{ type: "text", text }],
  }));
  return server;
}

function main(): void {
  const mode = process.argv[2];
  if (mode !== "modern-only" && mode !== "dual-era") throw new Error("usage: sdk-v2-server.ts modern-only|dual-era");
  const handler = createMcpHandler(buildServer, { legacy: mode === "modern-only" ? "reject" : "stateless" });
  const node = toNodeHandler(handler);
  const server = createServer((req, res) => {
    if (new URL(req.url ?? "/", "http://x").pathname !== "/mcp") {
      res.writeHead(404, { "content-type": "text/plain" }).end("Not Found");
      return;
    }
    void node(req, res);
  });
  server.listen(0, "127.0.0.1", () => {
    process.stdout.write(`LISTENING http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp\n`);
  });
  const stop = (): void => {
    void handler.close();
    server.closeAllConnections();
    server.close(() => process.exit(0));
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

main();
