/**
 * The practical limit for Streamable HTTP: a hand-written node:http JSON-RPC POST server that
 * reads the body, parses it and answers `tools/call` echo as `application/json`. No header or
 * `_meta` validation, no routing beyond what the benchmark sends. Its answer has the reference
 * server's shape and length (content, structuredContent, resultType, a 29-character serverInfo
 * name in `_meta`), so the comparison prices the transport, not a shorter body.
 * Prints `LISTENING http://127.0.0.1:<port>/mcp`.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    const message = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { id?: number; params?: { arguments?: { text?: string } } };
    const text = message.params?.arguments?.text ?? "";
    const body = JSON.stringify({
      jsonrpc: "2.0",
      id: message.id,
      result: {
        content: [{ type: "text", text }],
        structuredContent: { text },
        resultType: "complete",
        _meta: { "io.modelcontextprotocol/serverInfo": { name: "bare-node-http-jsonrpc-server", version: "0.1.0" } },
      },
    });
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) }).end(body);
  });
});

server.listen(Number(process.env["PORT"] ?? 0), "127.0.0.1", () => {
  console.log(`LISTENING http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`);
});
process.on("SIGTERM", () => process.exit(0));
