/**
 * The official SDK v2 server (`@modelcontextprotocol/server`) on `/mcp` through `createMcpHandler`
 * and `toNodeHandler`, as its README wires it, with one `echo` tool: `modern-only` is
 * `legacy: "reject"` (2026-07-28 only); `dual-era` is the default `legacy: "stateless"` (2025
 * clients served statelessly beside modern ones). Run as a child:
 * `node --import tsx sdk-v2-server.ts modern-only|dual-era`. Listens on 127.0.0.1, port 0, and
 * prints `LISTENING http://127.0.0.1:<port>/mcp`.
 */
import { toNodeHandler } from "@modelcontextprotocol/node";
import { createMcpHandler, McpServer } from "@modelcontextprotocol/server";
import { z } from "zod";
import { listenAsPeer } from "./listen-as-peer.js";

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
  listenAsPeer(toNodeHandler(handler), { path: "/mcp", onlyPath: true, onStop: () => void handler.close() });
}

main();
