/**
 * Vercel's `mcp-handler` (a web `(Request) => Promise<Response>` handler over the SDK v2 server)
 * on `/mcp` with one `echo` tool, mounted on node:http through `toNodeHandler`, the official MCP
 * Node adapter its README names for frameworks without a Web Request (no Next.js). Its defaults:
 * 2026-07-28 served natively, 2025 clients through the SDK's stateless fallback. Run as a child:
 * `node --import tsx mcp-handler-server.ts`. Listens on 127.0.0.1, port 0, and prints
 * `LISTENING http://127.0.0.1:<port>/mcp`.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { toNodeHandler } from "@modelcontextprotocol/node";
import { createMcpHandler } from "mcp-handler";
import { z } from "zod";

const handler = createMcpHandler(
  (server) => {
    server.registerTool("echo", { description: "Echoes text back", inputSchema: z.object({ text: z.string() }) }, async ({ text }) => ({
      content: [{ type: "text", text }],
    }));
  },
  { serverInfo: { name: "mcp-handler-echo", version: "0.0.1" } },
);
const node = toNodeHandler({ fetch: (request) => handler(request) });
const server = createServer((req, res) => {
  // mcp-handler never looks at the path (the framework's route does): this server routes /mcp only.
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
  server.closeAllConnections();
  server.close(() => process.exit(0));
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
