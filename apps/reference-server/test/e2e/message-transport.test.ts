import { MAX_MESSAGE_BYTES } from "@mcp-contract/api-types";
import { describe, expect, it } from "vitest";
import {
  CELONIS_BUILTIN,
  SSE_DIALECTS,
  expectSpec,
  expectValidStream,
  openSession,
  parseRawResponse,
  post,
  rawExchange,
  startApp,
} from "./harness.js";

const PING = { jsonrpc: "2.0", id: 1, method: "ping" };
const DECLARED_64_MB = 64 * 1024 * 1024;

/** A POST head for a raw socket. */
function head(path: string, port: number, headers: string): string {
  return `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\n${headers}\r\n`;
}

/** Sends chunked 256 KiB chunks until the server answers or `maxBytes` went out. */
async function sendChunksUntilAnswered(
  write: (chunk: string | Buffer) => boolean,
  answered: () => boolean,
  maxBytes: number,
): Promise<number> {
  const chunk = Buffer.alloc(256 * 1024, 0x20);
  let sent = 0;
  while (sent < maxBytes && !answered()) {
    write(`${chunk.length.toString(16)}\r\n`);
    write(chunk);
    const ok = write("\r\n");
    sent += chunk.length;
    // Respect backpressure: wait for the socket to drain or for the answer, whichever comes first.
    if (!ok) await new Promise((resolve) => setImmediate(resolve));
  }
  return sent;
}

describe.each(SSE_DIALECTS)("POST messages, $name", (dialect) => {
  it("answers 202 with an empty body and streams the answer as event: message", async () => {
    await using server = await startApp();
    await using session = await openSession(server.url, dialect);
    const response = await post(session.postUrl, PING);
    expect(response.status).toBe(202);
    expect(response.text).toBe("");
    const event = await session.stream.waitFor((e) => e.event === "message");
    expect(JSON.parse(event.data)).toEqual({ jsonrpc: "2.0", id: 1, result: {} });
    expectValidStream(session.stream);
  });

  it("accepts application/json with a UTF-8 charset", async () => {
    await using server = await startApp();
    await using session = await openSession(server.url, dialect);
    const response = await post(session.postUrl, PING, { "content-type": "application/json; charset=utf-8" });
    expect(response.status).toBe(202);
  });

  it("answers 400 missing_session_id without sessionId", async () => {
    await using server = await startApp();
    await using session = await openSession(server.url, dialect);
    const url = new URL(session.postUrl);
    url.search = "";
    for (const target of [url.href, `${url.href}?sessionId=`]) {
      const response = await post(target, PING);
      expect(response.status).toBe(400);
      expectSpec("message", "TransportError", response.json());
      expect(response.json()).toMatchObject({ id: null, error: { code: -32000, data: { reason: "missing_session_id" } } });
      expect(JSON.stringify(response.json())).toContain("endpoint event");
    }
  });

  it("answers a malformed body without sessionId in the 400: -32700 or -32600", async () => {
    await using server = await startApp();
    await using session = await openSession(server.url, dialect);
    const url = new URL(session.postUrl);
    url.search = "";
    const cases = [
      { body: '{"jsonrpc": "2.0",', code: -32700, reason: "parse_error" },
      { body: '{"id": 1, "method": "ping"}', code: -32600, reason: "invalid_request" },
      { body: "[]", code: -32600, reason: "invalid_request" },
    ];
    for (const { body, code, reason } of cases) {
      const response = await post(url.href, body);
      expect(response.status).toBe(400);
      expectSpec("message", "TransportError", response.json());
      expect(response.json()).toMatchObject({ jsonrpc: "2.0", id: null, error: { code, data: { reason } } });
    }
  });

  it("answers 404 unknown_session for an id no session has", async () => {
    await using server = await startApp();
    await using session = await openSession(server.url, dialect);
    const url = new URL(session.postUrl);
    url.searchParams.set("sessionId", "AAAAAAAAAAAAAAAAAAAAAA");
    const response = await post(url.href, PING);
    expect(response.status).toBe(404);
    expectSpec("message", "TransportError", response.json());
    expect(response.json()).toMatchObject({ error: { code: -32000, data: { reason: "unknown_session" } } });
  });

  it("answers 415 for a body that is not JSON, before reading it", async () => {
    await using server = await startApp();
    await using session = await openSession(server.url, dialect);
    for (const contentType of ["text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1"]) {
      const response = await post(session.postUrl, JSON.stringify(PING), { "content-type": contentType });
      expect(response.status).toBe(415);
      expectSpec("message", "TransportError", response.json());
      expect(response.json()).toMatchObject({ error: { code: -32000, data: { reason: "unsupported_media_type" } } });
    }
    expect(session.messages()).toEqual([]);
  });

  it("answers 413 from Content-Length before reading the body, then closes", async () => {
    await using server = await startApp();
    await using session = await openSession(server.url, dialect);
    const path = new URL(session.postUrl);
    const { response, elapsedMs, closed } = await rawExchange(
      server.port,
      head(path.pathname + path.search, server.port, `Content-Length: ${DECLARED_64_MB}\r\n`),
      async (write) => {
        write('{"jsonrpc":"2.0",');
      },
    );
    const answer = parseRawResponse(response);
    expect(answer.status).toBe(413);
    expect(answer.headers).toMatch(/\r\nconnection: close/i);
    expectSpec("message", "TransportError", answer.body);
    expect(answer.body).toMatchObject({ error: { code: -32000, data: { reason: "payload_too_large", limit: MAX_MESSAGE_BYTES } } });
    expect(elapsedMs).toBeLessThan(1_000);
    expect(closed).toBe(true);
    // The session is untouched.
    expect((await session.request(2, "ping")).result).toEqual({});
  });

  it("answers 413 the moment a chunked body crosses 4 MiB, without reading the rest", async () => {
    await using server = await startApp();
    await using session = await openSession(server.url, dialect);
    const path = new URL(session.postUrl);
    let sent = 0;
    const { response, closed } = await rawExchange(
      server.port,
      head(path.pathname + path.search, server.port, "Transfer-Encoding: chunked\r\n"),
      async (write, answered) => {
        sent = await sendChunksUntilAnswered(write, answered, 16 * MAX_MESSAGE_BYTES);
      },
    );
    const answer = parseRawResponse(response);
    expect(answer.status).toBe(413);
    expectSpec("message", "TransportError", answer.body);
    expect(answer.body).toMatchObject({ error: { data: { reason: "payload_too_large" } } });
    expect(sent).toBeLessThan(16 * MAX_MESSAGE_BYTES);
    expect(closed).toBe(true);
    expect((await session.request(3, "ping")).result).toEqual({});
  });

  it("accepts a body of exactly 4 MiB", async () => {
    await using server = await startApp();
    await using session = await openSession(server.url, dialect);
    const prefix = '{"jsonrpc":"2.0","id":"big","method":"tools/call","params":{"name":"echo","arguments":{"text":"';
    const suffix = '"}}}';
    const body = prefix + "x".repeat(MAX_MESSAGE_BYTES - prefix.length - suffix.length) + suffix;
    expect(Buffer.byteLength(body)).toBe(MAX_MESSAGE_BYTES);
    const response = await post(session.postUrl, body);
    expect(response.status).toBe(202);
    const answer = await session.stream.waitFor((e) => e.event === "message" && e.data.includes('"id":"big"'));
    expect(answer.data.length).toBeGreaterThan(MAX_MESSAGE_BYTES);
  });
});

describe("POST messages, Celonis", () => {
  const url = (base: string, asset = "builtin"): string => `${base}/studio-copilot/api/v1/mcp-servers/mcp/${asset}`;

  it("answers a request synchronously with 200 and the JSON-RPC response", async () => {
    await using server = await startApp();
    const response = await post(url(server.url), { jsonrpc: "2.0", id: 4, method: "tools/call", params: { name: "echo", arguments: { text: "hi" } } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expectSpec("message", "ServerMessage", response.json());
    expect(response.json()).toEqual({ jsonrpc: "2.0", id: 4, result: { content: [{ type: "text", text: "hi" }], structuredContent: { text: "hi" } } });
  });

  it("answers a notification and a client response with 202 and no body", async () => {
    await using server = await startApp();
    for (const body of [{ jsonrpc: "2.0", method: "notifications/initialized" }, { jsonrpc: "2.0", id: 9, result: {} }]) {
      const response = await post(url(server.url), body);
      expect(response.status).toBe(202);
      expect(response.text).toBe("");
    }
  });

  it("answers 404 {detail} for an unknown asset on GET and POST", async () => {
    await using server = await startApp();
    const posted = await post(url(server.url, "mcp_server-00000000-0000-4000-8000-000000000000"), PING);
    const got = await fetch(url(server.url, "nope"));
    for (const [status, body] of [
      [posted.status, posted.json()],
      [got.status, await got.json()],
    ] as const) {
      expect(status).toBe(404);
      expectSpec("message", "ErrorDetail", body);
      expect(body).toEqual({ detail: "Asset not found or not accessible." });
    }
  });

  it("answers 415 and 413 with the shared TransportError", async () => {
    await using server = await startApp();
    const unsupported = await post(url(server.url), JSON.stringify(PING), { "content-type": "text/plain" });
    expect(unsupported.status).toBe(415);
    expectSpec("message", "TransportError", unsupported.json());
    const { response, elapsedMs } = await rawExchange(
      server.port,
      head(CELONIS_BUILTIN, server.port, `Content-Length: ${DECLARED_64_MB}\r\n`),
      async (write) => {
        write("{");
      },
    );
    const tooLarge = parseRawResponse(response);
    expect(tooLarge.status).toBe(413);
    expectSpec("message", "TransportError", tooLarge.body);
    expect(elapsedMs).toBeLessThan(1_000);
  });

  it("answers 413 for a chunked body crossing the limit", async () => {
    await using server = await startApp();
    const { response } = await rawExchange(server.port, head(CELONIS_BUILTIN, server.port, "Transfer-Encoding: chunked\r\n"), async (write, answered) => {
      await sendChunksUntilAnswered(write, answered, 16 * MAX_MESSAGE_BYTES);
    });
    expect(parseRawResponse(response).status).toBe(413);
  });
});

describe("paths and methods", () => {
  it("answers 405 with Allow for a method a path does not serve", async () => {
    await using server = await startApp();
    const cases = [
      { path: "/v1/mcp/sse", method: "DELETE", allow: "GET, POST" },
      { path: "/_plugins/_ml/mcp/sse", method: "POST", allow: "GET" },
      { path: "/_plugins/_ml/mcp/sse/message", method: "GET", allow: "POST" },
      { path: "/sse/message", method: "GET", allow: "POST" },
      { path: CELONIS_BUILTIN, method: "PUT", allow: "GET, POST" },
    ];
    for (const { path, method, allow } of cases) {
      const response = await fetch(server.url + path, { method });
      expect(response.status).toBe(405);
      expect(response.headers.get("allow")).toBe(allow);
      const body: unknown = await response.json();
      expectSpec(path === CELONIS_BUILTIN ? "message" : "registry", path === CELONIS_BUILTIN ? "ErrorDetail" : "ApiError", body);
    }
  });

  it("answers 404 with a pointer to the MCP streams for an unknown path", async () => {
    await using server = await startApp();
    const response = await fetch(`${server.url}/v1/mcp/sse/`);
    expect(response.status).toBe(404);
    const body = (await response.json()) as { detail: string };
    expectSpec("registry", "ApiError", body);
    expect(body.detail).toContain("GET /v1/mcp/sse");
  });
});
