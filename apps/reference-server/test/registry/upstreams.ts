/**
 * Real MCP upstreams on loopback for the registry tests: the SDK's own server transports (legacy
 * SSE with a paged, editable tool list; Streamable HTTP with zod tools), and raw HTTP servers
 * that misbehave on purpose (hang, or refuse with the credential in the error body).
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { startServer, type RunningServer } from "@mcp-contract/test-helpers";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { SSEServerTransport } from "@modelcontextprotocol/sdk/server/sse.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { CallToolRequestSchema, ListToolsRequestSchema, type Tool } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";

export interface Upstream extends AsyncDisposable {
  /** The MCP endpoint to register. */
  readonly url: string;
  /** The headers of every HTTP request the upstream received. */
  readonly headers: IncomingHttpHeaders[];
  close(): Promise<void>;
}

/** The stdio fixture that exits when a tool named `crash` is called. */
export const CRASH_FIXTURE = fileURLToPath(new URL("./fixtures/crash-on-call.mjs", import.meta.url));
/** The stdio fixture that exits before the MCP handshake. */
export const EXIT_FIXTURE = fileURLToPath(new URL("./fixtures/exit-at-start.mjs", import.meta.url));
/** server-everything's entry point, run as `node <it> stdio`. */
export const EVERYTHING = createRequire(import.meta.url).resolve("@modelcontextprotocol/server-everything/dist/index.js");

const PAGE_SIZE = 2;

const text = (value: string) => ({ content: [{ type: "text" as const, text: value }] });

/** The tools the SSE upstream starts with; tests edit the array to drive refresh diffs. */
export function initialSseTools(): Tool[] {
  const message = { type: "object" as const, properties: { message: { type: "string" } }, required: ["message"] };
  return [
    { name: "echo", description: "Echoes back the input", inputSchema: message },
    { name: "fail", description: "Always reports a tool error", inputSchema: { type: "object" } },
    { name: "shout", description: "Echoes in capitals", inputSchema: message },
    { name: "count", inputSchema: { type: "object", properties: { n: { type: "integer", minimum: 0 } }, required: ["n"] } },
    { name: "noop", inputSchema: { type: "object" }, annotations: { readOnlyHint: true } },
  ];
}

/** Legacy HTTP+SSE upstream (SDK SSEServerTransport) whose `tools/list` pages two tools at a time. */
export async function startSseUpstream(tools: Tool[] = initialSseTools()): Promise<Upstream & { tools: Tool[] }> {
  const headers: IncomingHttpHeaders[] = [];
  const sessions = new Map<string, SSEServerTransport>();
  const build = (): Server => {
    const server = new Server({ name: "sse-upstream", version: "1.0.0" }, { capabilities: { tools: {} } });
    server.setRequestHandler(ListToolsRequestSchema, (request) => {
      const start = Number(request.params?.cursor ?? 0);
      const next = start + PAGE_SIZE;
      return { tools: tools.slice(start, next), ...(next < tools.length ? { nextCursor: String(next) } : {}) };
    });
    server.setRequestHandler(CallToolRequestSchema, (request) => {
      const args = request.params.arguments ?? {};
      if (request.params.name === "fail") return { ...text("it failed on purpose"), isError: true };
      if (request.params.name === "shout") return text(String(args["message"]).toUpperCase());
      return text(`Echo: ${String(args["message"])}`);
    });
    return server;
  };
  const running = await startServer((req, res) => {
    headers.push(req.headers);
    void route(req, res);
  }, { wireContract: false /* an upstream: the SDK v1 SSEServerTransport, a peer from npm */ });
  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://x");
    if (req.method === "GET" && url.pathname === "/sse") {
      const transport = new SSEServerTransport("/messages", res);
      sessions.set(transport.sessionId, transport);
      res.on("close", () => sessions.delete(transport.sessionId));
      await build().connect(transport);
      return;
    }
    const transport = sessions.get(url.searchParams.get("sessionId") ?? "");
    if (req.method === "POST" && url.pathname === "/messages" && transport) {
      await transport.handlePostMessage(req, res);
      return;
    }
    res.writeHead(404).end();
  }
  return { ...handle(running, "/sse", headers), tools };
}

/** Streamable HTTP upstream (SDK McpServer, stateless) with zod-typed tools. */
export async function startStreamableUpstream(): Promise<Upstream> {
  const headers: IncomingHttpHeaders[] = [];
  const build = (): McpServer => {
    const server = new McpServer({ name: "streamable-upstream", version: "1.0.0" });
    server.registerTool("echo", { description: "Echoes back the input", inputSchema: { message: z.string() } }, ({ message }) =>
      text(`Echo: ${message}`),
    );
    server.registerTool(
      "add",
      { description: "Adds two numbers", inputSchema: { a: z.number(), b: z.number() }, outputSchema: { sum: z.number() } },
      ({ a, b }) => ({ ...text(String(a + b)), structuredContent: { sum: a + b } }),
    );
    server.registerTool("hang", { description: "Never answers", inputSchema: {} }, (_args, extra) => {
      return new Promise((resolve) => extra.signal.addEventListener("abort", () => resolve(text("cancelled"))));
    });
    return server;
  };
  const running = await startServer((req, res) => {
    headers.push(req.headers);
    void (async () => {
      if (new URL(req.url ?? "/", "http://x").pathname !== "/mcp") return void res.writeHead(404).end();
      if (req.method !== "POST") return void res.writeHead(405, { allow: "POST" }).end();
      const server = build();
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
      res.on("close", () => {
        void transport.close();
        void server.close();
      });
      await server.connect(transport);
      await transport.handleRequest(req, res);
    })();
  }, { wireContract: false /* an upstream: the SDK v1 StreamableHTTPServerTransport (stateless), a peer from npm */ });
  return handle(running, "/mcp", headers);
}

/**
 * The SDK v1 StreamableHTTPServerTransport with sessions, as its README wires it: `initialize`
 * opens a session (Mcp-Session-Id), later requests name it, DELETE ends it. `sessions()` counts
 * the open ones.
 */
export async function startStatefulUpstream(): Promise<Upstream & { sessions: () => number }> {
  const headers: IncomingHttpHeaders[] = [];
  const transports = new Map<string, StreamableHTTPServerTransport>();
  const running = await startServer((req, res) => {
    headers.push(req.headers);
    void (async () => {
      const sessionId = req.headers["mcp-session-id"];
      const existing = typeof sessionId === "string" ? transports.get(sessionId) : undefined;
      if (existing) return existing.handleRequest(req, res);
      if (sessionId !== undefined) return void res.writeHead(404, { "content-type": "application/json" }).end('{"jsonrpc":"2.0","error":{"code":-32001,"message":"Session not found"},"id":null}');
      const transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => crypto.randomUUID(),
        onsessioninitialized: (id) => void transports.set(id, transport),
      });
      transport.onclose = () => {
        if (transport.sessionId) transports.delete(transport.sessionId);
      };
      const server = new McpServer({ name: "stateful-upstream", version: "1.0.0" });
      server.registerTool("echo", { description: "Echoes back the input", inputSchema: { message: z.string() } }, ({ message }) =>
        text(`Echo: ${message}`),
      );
      await server.connect(transport);
      await transport.handleRequest(req, res);
    })();
  }, { wireContract: false /* an upstream: the SDK v1 StreamableHTTPServerTransport (stateful), a peer from npm */ });
  return { ...handle(running, "/mcp", headers), sessions: () => transports.size };
}

/**
 * An SSE upstream that hangs: with `answer: "nothing"` it never sends the endpoint event; with
 * `answer: "initialize"` it completes the handshake and then never answers anything else.
 */
export async function startHangingSseUpstream(answer: "nothing" | "initialize"): Promise<Upstream> {
  const headers: IncomingHttpHeaders[] = [];
  const streams = new Set<ServerResponse>();
  const running = await startServer((req, res) => {
    headers.push(req.headers);
    if (req.method === "GET") {
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      res.write(": connected\n\n");
      if (answer === "initialize") res.write("event: endpoint\ndata: /messages\n\n");
      streams.add(res);
      return;
    }
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      res.writeHead(202).end("Accepted");
      const message = JSON.parse(body) as { id?: number; method?: string; params?: { protocolVersion?: string } };
      if (message.method !== "initialize") return;
      const result = {
        protocolVersion: message.params?.protocolVersion,
        capabilities: { tools: {} },
        serverInfo: { name: "hanging", version: "1.0.0" },
      };
      for (const stream of streams) {
        stream.write(`event: message\ndata: ${JSON.stringify({ jsonrpc: "2.0", id: message.id, result })}\n\n`);
      }
    });
  }, { wireContract: false /* an upstream that hangs on purpose */ });
  return handle(running, "/sse", headers);
}

/** A Streamable HTTP "upstream" that refuses every request with 401, quoting the credential it got. */
export async function startLeakyRejectingUpstream(): Promise<Upstream> {
  const headers: IncomingHttpHeaders[] = [];
  const running = await startServer((req, res) => {
    headers.push(req.headers);
    req.resume();
    res.writeHead(401, { "content-type": "text/plain" }).end(`rejected credential ${req.headers["x-api-key"] ?? ""}`);
  }, { wireContract: false /* an upstream that refuses and leaks its credential on purpose */ });
  return handle(running, "/mcp", headers);
}

function handle(running: RunningServer, path: string, headers: IncomingHttpHeaders[]): Upstream {
  return { url: `${running.url}${path}`, headers, close: running.close, [Symbol.asyncDispose]: running.close };
}
