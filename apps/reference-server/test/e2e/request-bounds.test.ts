/**
 * Bounds on what a client sends, on every transport: a request whose headers or body arrive too
 * slowly gets 408 with the path's error body and its connection closes, without disturbing a
 * stream that is open meanwhile; ids a JSON number cannot hold exactly are refused on the
 * Streamable HTTP endpoints too (the SSE dialects and Celonis: jsonrpc.test.ts).
 */
import { connect } from "node:net";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { SSE_DIALECTS, openSession, parseRawResponse, post, startApp } from "./harness.js";
import { modernHeaders } from "./modern-harness.js";
import { ACCEPT_BOTH, initialize } from "./streamable-harness.js";

const BOUNDS = { headersTimeoutMs: 300, requestTimeoutMs: 600 };

/** Writes `head` on a raw connection and resolves with everything the server sent until it closed. */
async function slowRequest(port: number, head: string, boundMs = 10_000): Promise<string> {
  const socket = connect(port, "127.0.0.1");
  await once(socket, "connect");
  let received = "";
  socket.on("data", (chunk: Buffer) => (received += chunk.toString("latin1")));
  socket.on("error", () => {});
  const closed = once(socket, "close");
  const cutOff = setTimeout(() => socket.destroy(), boundMs);
  socket.write(head);
  await closed;
  clearTimeout(cutOff);
  return received;
}

describe("request timeouts", () => {
  it("answers slow headers with 408 and the transport body, then closes", async () => {
    await using server = await startApp({ config: BOUNDS });
    const raw = await slowRequest(server.port, "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: appl");
    const { status, headers, body } = parseRawResponse(raw);
    expect(status).toBe(408);
    expect(headers).toMatch(/\r\nconnection: close/i);
    expect(body).toMatchObject({ jsonrpc: "2.0", id: null, error: { code: -32000, data: { reason: "request_timeout" } } });
    expect((body as { error: { message: string } }).error.message).toContain("300 ms");
  });

  it.each([
    ["/mcp", { jsonrpc: "2.0", id: null, error: { data: { reason: "request_timeout" } } }],
    ["/_plugins/_ml/mcp", { jsonrpc: "2.0", id: null, error: { data: { reason: "request_timeout" } } }],
    ["/studio-copilot/api/v1/mcp-servers/mcp/builtin", { detail: expect.stringContaining("Request Timeout") }],
  ])("answers a slow body on %s with 408 in that path's error body", async (path, expected) => {
    await using server = await startApp({ config: BOUNDS });
    const head = `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAccept: ${ACCEPT_BOTH}\r\nContent-Length: 100\r\n\r\n{"jsonrpc":`;
    const { status, body } = parseRawResponse(await slowRequest(server.port, head));
    expect(status).toBe(408);
    expect(body).toMatchObject(expected);
  });

  it("leaves an open stream alone: the timeouts bound receiving a request, not answering it", async () => {
    await using server = await startApp({ config: BOUNDS });
    const dialect = SSE_DIALECTS[0]!;
    await using session = await openSession(server.url, dialect);
    // A slow request opened after the stream times out, so the stream has outlived both bounds.
    const raw = await slowRequest(server.port, "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    expect(parseRawResponse(raw).status).toBe(408);
    const answer = await session.request(9, "tools/call", { name: "echo", arguments: { text: "still here" } });
    expect(answer).toMatchObject({ id: 9, result: { content: [{ type: "text", text: "still here" }] } });
    expect((await post(`${server.url}/mcp`, { jsonrpc: "2.0", id: 1, method: "tools/list", params: {} }, { accept: ACCEPT_BOTH })).status).toBe(400);
  });
});

describe("ids a JSON number cannot hold exactly, on Streamable HTTP", () => {
  const bodies = ['{"jsonrpc":"2.0","id":1e400,"method":"tools/list","params":{}}', '{"jsonrpc":"2.0","id":9007199254740993,"method":"tools/list","params":{}}'];

  it.each(bodies)("refuses %s on a modern request with 400 -32600 and id null", async (body) => {
    await using server = await startApp();
    const parsed = { method: "tools/list", params: {} };
    const meta = '"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}';
    const answer = await post(`${server.url}/mcp`, body.replace('"params":{}', `"params":{${meta}}`), modernHeaders(parsed));
    expect(answer.status).toBe(400);
    expect(answer.json()).toMatchObject({ jsonrpc: "2.0", id: null, error: { code: -32600, message: expect.stringContaining("send it as a string") } });
  });

  it.each(bodies)("refuses %s in a legacy session with -32600 and id null", async (body) => {
    await using server = await startApp();
    const session = await initialize(`${server.url}/mcp`);
    const answer = await session.post(body);
    expect(answer.json()).toMatchObject({ jsonrpc: "2.0", id: null, error: { code: -32600 } });
  });
});
