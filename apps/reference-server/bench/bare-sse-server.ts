/**
 * The practical limit: a hand-written node:http MCP-over-SSE server that does only the endpoint
 * event, 202 and the echo reply. No validation, no routing beyond what the benchmark sends.
 * Prints `LISTENING http://127.0.0.1:<port>/sse`.
 */
import { randomBytes } from "node:crypto";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

const sessions = new Map<string, ServerResponse>();

const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://x");
  if (req.method === "GET" && url.pathname === "/sse") {
    const id = randomBytes(16).toString("base64url");
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    res.write(`event: endpoint\ndata: /message?sessionId=${id}\n\n`);
    sessions.set(id, res);
    res.on("close", () => sessions.delete(id));
    return;
  }
  const stream = sessions.get(url.searchParams.get("sessionId") ?? "");
  if (req.method !== "POST" || !stream) {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    res.writeHead(202, { "content-length": "0" }).end();
    const message = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
      id?: number;
      method: string;
      params?: { arguments?: { text?: string } };
    };
    if (message.id === undefined) return;
    const result =
      message.method === "tools/call"
        ? { content: [{ type: "text", text: message.params?.arguments?.text ?? "" }] }
        : message.method === "initialize"
          ? { protocolVersion: "2025-06-18", capabilities: { tools: {} }, serverInfo: { name: "bare", version: "0" } }
          : {};
    stream.write(`event: message\ndata: ${JSON.stringify({ jsonrpc: "2.0", id: message.id, result })}\n\n`);
  });
});

server.listen(Number(process.env["PORT"] ?? 0), "127.0.0.1", () => {
  console.log(`LISTENING http://127.0.0.1:${(server.address() as AddressInfo).port}/sse`);
});
process.on("SIGTERM", () => process.exit(0));
