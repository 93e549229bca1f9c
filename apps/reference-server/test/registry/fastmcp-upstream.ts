/**
 * fastmcp (the FastMCP TypeScript framework) as a registry upstream: `httpStream` on 127.0.0.1,
 * port 0, stateful or stateless, with an `echo` tool (`message` in, `Echo: …` out). fastmcp does
 * not say which port it bound, so the fixture notes the http.Server that starts listening while
 * `start` runs.
 */
import { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { FastMCP } from "fastmcp";
import { z } from "zod";

export interface FastMcpUpstream extends AsyncDisposable {
  readonly url: string;
  readonly calls: Map<string, number>;
  close(): Promise<void>;
}

/** Runs `start` and returns the http.Server that began listening meanwhile. */
async function boundServer(start: () => Promise<void>): Promise<Server> {
  const original = Server.prototype.listen;
  let bound: Server | undefined;
  Server.prototype.listen = function (this: Server, ...args: unknown[]) {
    bound ??= this;
    return (original as (...a: unknown[]) => Server).apply(this, args);
  } as typeof original;
  try {
    await start();
  } finally {
    Server.prototype.listen = original;
  }
  if (!bound?.listening) throw new Error("fastmcp started without an http.Server listening");
  return bound;
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
