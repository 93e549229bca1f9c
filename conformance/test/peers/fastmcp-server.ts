/**
 * fastmcp (the FastMCP TypeScript framework) serving `httpStream` on `/mcp` with one `echo` tool,
 * `stateful` or `stateless`. Run as a child under the loopback-listen preload, which pins its
 * listen() to 127.0.0.1 and prints the port it got (fastmcp itself does not say):
 * `node --import tsx --import ./loopback-listen.ts fastmcp-server.ts stateful|stateless`.
 */
import { FastMCP } from "fastmcp";
import { z } from "zod";

const mode = process.argv[2];
if (mode !== "stateful" && mode !== "stateless") throw new Error("usage: fastmcp-server.ts stateful|stateless");
const server = new FastMCP({ name: "fastmcp-echo", version: "1.0.0", logger: { debug() {}, error() {}, info() {}, log() {}, warn() {} } });
server.addTool({ name: "echo", description: "Echoes text back", parameters: z.object({ text: z.string() }), execute: async ({ text }) => text });
await server.start({ transportType: "httpStream", httpStream: { host: "127.0.0.1", port: 0, endpoint: "/mcp", stateless: mode === "stateless" } });
const stop = (): void => void server.stop().then(() => process.exit(0));
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
