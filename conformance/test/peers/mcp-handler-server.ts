/**
 * Vercel's `mcp-handler` (a web `(Request) => Promise<Response>` handler over the SDK v2 server)
 * on `/mcp` with one `echo` tool, mounted on node:http through `toNodeHandler`, the official MCP
 * Node adapter its README names for frameworks without a Web Request (no Next.js). Its defaults:
 * 2026-07-28 served natively, 2025 clients through the SDK's stateless fallback. Run as a child:
 * `node --import tsx mcp-handler-server.ts`. Listens on 127.0.0.1, port 0, and prints
 * `LISTENING http://127.0.0.1:<port>/mcp`.
 */
import { toNodeHandler } from "@modelcontextprotocol/node";
import { createMcpHandler } from "mcp-handler";
import { z } from "zod";
import { listenAsPeer } from "./listen-as-peer.js";

const handler = createMcpHandler(
  (server) => {
    server.registerTool("echo", { description: "Echoes text back", inputSchema: z.object({ text: z.string() }) }, async ({ text }) => ({
      content: [{ type: "text", text }],
    }));
  },
  { serverInfo: { name: "mcp-handler-echo", version: "0.0.1" } },
);
// mcp-handler never looks at the path (the framework's route does): only /mcp is served.
listenAsPeer(toNodeHandler({ fetch: (request) => handler(request) }), { path: "/mcp", onlyPath: true });
