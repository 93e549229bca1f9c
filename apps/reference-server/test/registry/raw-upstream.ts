/**
 * A hand-written MCP upstream (no SDK), HTTP+SSE or stateless Streamable HTTP, for the bounds
 * tests: `echo` answers; `flood` answers one text of `floodBytes`, written in 64 KiB chunks with
 * backpressure so that it writes only as fast as the gateway reads (and stops when it hangs up);
 * `hang` never answers; `cut` starts its answer and closes the stream mid-way. It counts what it
 * wrote and the connections it holds, and tells when they close.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { startServer } from "@mcp-contract/test-helpers";

const CHUNK = "x".repeat(64 * 1024);

const TOOLS = ["echo", "flood", "hang", "cut"].map((name) => ({ name, inputSchema: { type: "object" } }));

export interface RawUpstream extends AsyncDisposable {
  readonly url: string;
  /** Bytes of `flood` answers written so far. */
  readonly floodWritten: () => number;
  /** `flood` calls whose writing has ended (finished, or the reader hung up). */
  readonly floodsEnded: Promise<void>;
  /** `hang` calls received so far. */
  readonly hangs: () => number;
  /** Open TCP connections to this upstream right now. */
  readonly connections: () => number;
  /** Resolves once at most `count` connections are open (checked on every close). */
  connectionsAtMost(count: number): Promise<void>;
}

type Rpc = { id?: string | number; method?: string; params?: { name?: string; protocolVersion?: string; arguments?: { message?: string } } };

export async function startRawUpstream(transport: "sse" | "streamable", floodBytes: number): Promise<RawUpstream> {
  const sockets = new Set<Socket>();
  const waiters = new Set<() => void>();
  const notify = (): void => {
    for (const waiter of [...waiters]) waiter();
  };
  let written = 0;
  let hangs = 0;
  let endFlood!: () => void;
  const floodsEnded = new Promise<void>((resolve) => (endFlood = resolve));
  const streams = new Map<string, ServerResponse>();

  /** Writes `text` to `res`, waiting for drain; false when the reader hung up. */
  function write(res: ServerResponse, text: string): Promise<boolean> {
    if (res.destroyed || res.writableEnded) return Promise.resolve(false);
    if (res.write(text)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const settle = (ok: boolean): void => {
        res.off("drain", onDrain);
        res.off("close", onClose);
        resolve(ok);
      };
      const onDrain = (): void => settle(!res.destroyed);
      const onClose = (): void => settle(false);
      res.once("drain", onDrain);
      res.once("close", onClose);
    });
  }

  async function flood(res: ServerResponse, id: Rpc["id"], framed: (data: string) => string): Promise<void> {
    const head = `{"jsonrpc":"2.0","id":${JSON.stringify(id)},"result":{"content":[{"type":"text","text":"`;
    // One SSE event, one data line: the whole answer is a single message.
    let ok = await write(res, framed(head).replace(/\n\n$/, ""));
    let sent = 0;
    while (ok && sent < floodBytes) {
      ok = await write(res, CHUNK);
      if (ok) {
        sent += CHUNK.length;
        written += CHUNK.length;
      }
    }
    if (ok) await write(res, '"}]}}\n\n');
    endFlood();
  }

  function answer(rpc: Rpc): unknown {
    if (rpc.method === "initialize") {
      return { protocolVersion: rpc.params?.protocolVersion, capabilities: { tools: {} }, serverInfo: { name: "raw", version: "1.0.0" } };
    }
    if (rpc.method === "tools/list") return { tools: TOOLS };
    if (rpc.method === "ping") return {};
    return undefined;
  }

  /** Handles one call on `res` (the POST for Streamable HTTP, the session stream for SSE). */
  function call(rpc: Rpc, res: ServerResponse, framed: (data: string) => string, plain: (body: string) => void): void {
    const tool = rpc.method === "tools/call" ? rpc.params?.name : undefined;
    const result = answer(rpc);
    if (result !== undefined) return plain(JSON.stringify({ jsonrpc: "2.0", id: rpc.id, result }));
    if (tool === "echo") {
      return plain(JSON.stringify({ jsonrpc: "2.0", id: rpc.id, result: { content: [{ type: "text", text: `Echo: ${rpc.params?.arguments?.message}` }] } }));
    }
    if (tool === "flood") return void flood(res, rpc.id, framed);
    if (tool === "hang") {
      hangs++;
      notify();
      return;
    }
    if (tool === "cut") {
      // Destroyed once the half answer is on the wire, so the gateway has begun reading it.
      res.write(framed(`{"jsonrpc":"2.0","id":${JSON.stringify(rpc.id)},"result":{"content":[{"type":"text","text":"half`).replace(/\n\n$/, ""), () => res.destroy());
      return;
    }
    plain(JSON.stringify({ jsonrpc: "2.0", id: rpc.id, error: { code: -32601, message: "Method not found" } }));
  }

  async function bodyOf(req: IncomingMessage): Promise<Rpc> {
    let text = "";
    for await (const chunk of req) text += String(chunk);
    return JSON.parse(text) as Rpc;
  }

  async function streamable(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== "POST") return void res.writeHead(405, { allow: "POST" }).end();
    const rpc = await bodyOf(req);
    if (rpc.id === undefined) return void res.writeHead(202).end();
    const framed = (data: string): string => `event: message\ndata: ${data}\n\n`;
    const sse = (): void => void res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    const tool = rpc.method === "tools/call" ? rpc.params?.name : undefined;
    if (tool === "flood" || tool === "cut") sse();
    call(rpc, res, framed, (body) => void res.writeHead(200, { "content-type": "application/json" }).end(body));
  }

  async function sse(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://x");
    if (req.method === "GET" && url.pathname === "/sse") {
      const id = crypto.randomUUID();
      streams.set(id, res);
      res.on("close", () => streams.delete(id));
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      res.write(`event: endpoint\ndata: /messages?sessionId=${id}\n\n`);
      return;
    }
    const stream = streams.get(url.searchParams.get("sessionId") ?? "");
    if (req.method !== "POST" || !stream) return void res.writeHead(404).end();
    const rpc = await bodyOf(req);
    res.writeHead(202).end("Accepted");
    if (rpc.id === undefined) return;
    const framed = (data: string): string => `event: message\ndata: ${data}\n\n`;
    call(rpc, stream, framed, (body) => void stream.write(framed(body)));
  }

  const http = createServer((req, res) => void (transport === "sse" ? sse(req, res) : streamable(req, res)));
  http.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => {
      sockets.delete(socket);
      notify();
    });
  });
  const running = await startServer(http, { wireContract: false /* a raw upstream fake: misbehaves on purpose */ });
  const until = (done: () => boolean): Promise<void> =>
    new Promise((resolve) => {
      const check = (): void => {
        if (!done()) return;
        waiters.delete(check);
        resolve();
      };
      waiters.add(check);
      check();
    });
  return {
    url: `${running.url}${transport === "sse" ? "/sse" : "/mcp"}`,
    floodWritten: () => written,
    floodsEnded,
    hangs: () => hangs,
    connections: () => sockets.size,
    connectionsAtMost: (count) => until(() => sockets.size <= count),
    [Symbol.asyncDispose]: () => running.close(),
  };
}
