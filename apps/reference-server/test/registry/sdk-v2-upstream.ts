/**
 * The official SDK v2 server (`@modelcontextprotocol/server`) as an upstream, on port 0:
 * `legacy: "reject"` is a 2026-07-28 modern-only endpoint, the default serves 2025 clients too
 * (dual-era). It serves `echo`, and counts its runs.
 */
import { startServer } from "@mcp-contract/test-helpers";
import { toNodeHandler } from "@modelcontextprotocol/node";
import { createMcpHandler, McpServer } from "@modelcontextprotocol/server";
import { z } from "zod";

export interface SdkV2Upstream extends AsyncDisposable {
  readonly url: string;
  readonly runs: () => number;
}

export async function startSdkV2Upstream(mode: "modern-only" | "dual-era"): Promise<SdkV2Upstream> {
  let runs = 0;
  const build = (): McpServer => {
    const server = new McpServer({ name: "sdk-v2-upstream", version: "2.4.0" });
    server.registerTool("echo", { description: "Echoes back the input", inputSchema: z.object({ message: z.string() }) }, async ({ message }) => {
      runs += 1;
      return { content: [{ type: "text", text: `Echo: ${message}` }] };
    });
    return server;
  };
  const handler = createMcpHandler(build, { legacy: mode === "modern-only" ? "reject" : "stateless" });
  const node = toNodeHandler(handler);
  const running = await startServer((req, res) => void node(req, res), { wireContract: false /* an upstream: the SDK v2 server, a peer from npm */ });
  const close = async (): Promise<void> => {
    await handler.close();
    await running.close();
  };
  return { url: `${running.url}/mcp`, runs: () => runs, [Symbol.asyncDispose]: close };
}
