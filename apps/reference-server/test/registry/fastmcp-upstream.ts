/**
 * fastmcp (the FastMCP TypeScript framework) as a registry upstream: `httpStream` on 127.0.0.1,
 * port 0, stateful or stateless, with an `echo` tool (`message` in, `Echo: …` out). fastmcp does
 * not say which port it bound, so the fixture notes the http.Server that starts listening while
 * `start` runs.
 */
import type { AddressInfo } from "node:net";
import { boundServer } from "@mcp-contract/test-helpers";
import { FastMCP } from "fastmcp";
import { z } from "zod";

export interface FastMcpUpstream extends AsyncDisposable {
  readonly url: string;
  readonly calls: Map<string, number>;
  close(): Promise<void>;
}

export async function startFastMcpUpstream(mode: "stateful" | "stateless"): Promise<FastMcpUpstream> {
  const calls = new Map<string, number>();
  const server = new FastMCP({ name: "fastmcp-peer", version: "1.0.0", logger: { debug() {}, error() {}, info() {}, log() {}, warn() {} } });
  server.addTool({
    name: "echo",
    description: "Echoes text back",
    parameters: z.object({ message: z.string() }),
    execute: async ({ message }) => {
      calls.set("echo", (calls.get("echo") ?? 0) + 1);
      return `Echo: ${message}`;
    },
  });
  const http = await boundServer(() =>
    server.start({ transportType: "httpStream", httpStream: { host: "127.0.0.1", port: 0, endpoint: "/mcp", stateless: mode === "stateless" } }),
  );
  const { port } = http.address() as AddressInfo;
  const close = (): Promise<void> => server.stop();
  return { url: `http://127.0.0.1:${port}/mcp`, calls, close, [Symbol.asyncDispose]: close };
}
