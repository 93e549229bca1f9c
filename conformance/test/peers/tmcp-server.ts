/**
 * tmcp (`McpServer` with the zod adapter) behind `@tmcp/transport-http`'s `HttpTransport` on
 * `/mcp`, with one `echo` tool, wired to node:http through `@remix-run/node-fetch-server` exactly
 * as the transport's README shows. Its defaults: initialize-based 2025 sessions (GET stream,
 * DELETE) beside sessionless 2026-07-28 requests. Run as a child:
 * `node --import tsx tmcp-server.ts`. Listens on 127.0.0.1, port 0, and prints
 * `LISTENING http://127.0.0.1:<port>/mcp`.
 */
import { createRequestListener } from "@remix-run/node-fetch-server";
import { ZodJsonSchemaAdapter } from "@tmcp/adapter-zod";
import { HttpTransport } from "@tmcp/transport-http";
import { McpServer } from "tmcp";
import { z } from "zod";
import { listenAsPeer } from "./listen-as-peer.js";

const server = new McpServer({ name: "tmcp-echo", version: "0.0.1", description: "echo" }, { adapter: new ZodJsonSchemaAdapter(), capabilities: { tools: {} } });
server.tool({ name: "echo", description: "Echoes text back", schema: z.object({ text: z.string() }) }, async ({ text }) => ({ content: [{ type: "text", text }] }));
// path set explicitly: the README warns that an omitted path will come to mean "every path".
const transport = new HttpTransport(server, { path: "/mcp" });
listenAsPeer(createRequestListener(async (request) => (await transport.respond(request)) ?? new Response(null, { status: 404 })), { path: "/mcp" });
