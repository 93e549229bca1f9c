import { describe, expect, it } from "vitest";
import { JsonRpcError, McpTransportError, openSession, type SessionOptions } from "../src/index.js";
import { startServer } from "@mcp-contract/test-helpers";
import { nextEvent } from "./fixtures/next-event.js";
import { startSseFixture } from "./fixtures/sse-fixture.js";

const endpointForms: [string, { ssePath: string; data: (id: string) => string; options?: SessionOptions; postPath: string }][] = [
  ["query-only data (Celonis)", {
    ssePath: "/studio-copilot/api/v1/mcp-servers/mcp/builtin",
    data: (id) => `?sessionId=${id}`,
    postPath: "/studio-copilot/api/v1/mcp-servers/mcp/builtin?sessionId=s1",
  }],
  ["relative-path data", { ssePath: "/a/sse", data: (id) => `message?sessionId=${id}`, postPath: "/a/message?sessionId=s1" }],
  ["absolute-path data (Spice)", { ssePath: "/v1/mcp/sse", data: (id) => `/v1/mcp/sse?sessionId=${id}`, postPath: "/v1/mcp/sse?sessionId=s1" }],
  ["OpenSearch default data resolved as a URL", {
    ssePath: "/_plugins/_ml/mcp/sse",
    data: (id) => `/sse/message?sessionId=${id}`,
    postPath: "/sse/message?sessionId=s1",
  }],
  ["OpenSearch default data with append-to-base", {
    ssePath: "/_plugins/_ml/mcp/sse",
    data: (id) => `/sse/message?sessionId=${id}`,
    options: { endpointResolution: "append-to-base" },
    postPath: "/_plugins/_ml/mcp/sse/message?sessionId=s1",
  }],
];

describe("openSession against hand-written SSE servers", () => {
  it.each(endpointForms)("POSTs where %s points, and reads the answer off the stream", async (_name, form) => {
    await using server = await startSseFixture(form.data);
    await using session = await openSession(server.url + form.ssePath, form.options);
    expect(session.endpoint.href).toBe(server.url + form.postPath);
    await expect(session.request("tools/list", { cursor: "c" })).resolves.toEqual({ echoed: { cursor: "c" } });
    expect(server.seen.at(-1)).toMatchObject({ method: "POST", path: form.postPath });
  });

  it("sends credentials and custom headers on the GET and on every POST", async () => {
    await using server = await startSseFixture((id) => `/m?sessionId=${id}`);
    await using session = await openSession(`${server.url}/sse`, { apiKey: "k1", bearer: "t1", headers: { "x-team": "qa" } });
    await session.notify("notifications/initialized");
    const [get, post] = server.seen;
    for (const request of [get, post]) {
      expect(request?.headers).toMatchObject({ "x-api-key": "k1", authorization: "Bearer t1", "x-team": "qa" });
    }
    expect(get?.headers.accept).toBe("text/event-stream");
    expect(post?.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(post?.body ?? "")).toEqual({ jsonrpc: "2.0", method: "notifications/initialized" });
  });

  it("refuses an endpoint on another origin with a bad-endpoint error", async () => {
    await using other = await startSseFixture(() => "unused");
    await using server = await startSseFixture((id) => `${other.url}/m?sessionId=${id}`);
    const error = await openSession(`${server.url}/sse`).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(McpTransportError);
    expect(error).toMatchObject({ kind: "bad-endpoint", message: expect.stringContaining("another origin") });
    await using allowed = await openSession(`${server.url}/sse`, { sameOrigin: false });
    expect(allowed.endpoint.origin).toBe(other.url);
  });

  it("uses a synchronous 200 JSON-RPC answer to the POST (Celonis)", async () => {
    await using server = await startSseFixture((id) => `?sessionId=${id}`, "sync");
    await using session = await openSession(`${server.url}/studio-copilot/api/v1/mcp-servers/mcp/builtin`);
    const answers = Promise.all([session.request("tools/call", { name: "a" }), session.request("tools/call", { name: "b" })]);
    await expect(answers).resolves.toEqual([{ echoed: { name: "a" } }, { echoed: { name: "b" } }]);
    const error = await session.request("fail").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(JsonRpcError);
    expect(error).toMatchObject({ name: "JsonRpcError", code: -32602, message: "Invalid params: /text is required", data: { field: "/text" } });
    expect((error as Error).cause).toMatchObject({ jsonrpc: "2.0", error: { code: -32602 } });
  });

  it("turns a 404 TransportError body into an http-status error with status and reason", async () => {
    await using server = await startSseFixture((id) => `/m?sessionId=${id}`, "unknown-session");
    await using session = await openSession(`${server.url}/sse`);
    const error = await session.request("ping").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(McpTransportError);
    expect(error).toMatchObject({ name: "McpTransportError", kind: "http-status", status: 404, reason: "unknown_session" });
    expect((error as Error).message).toMatch(/POST .* answered 404 Not Found: Session not found/);
    expect(session.pendingCount).toBe(0);
  });

  it("keeps the Celonis {detail} body of a 404", async () => {
    await using server = await startSseFixture((id) => `?sessionId=${id}`, "asset-not-found");
    await using session = await openSession(`${server.url}/studio-copilot/api/v1/mcp-servers/mcp/nope`);
    const error = await session.notify("notifications/initialized").catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: "http-status", status: 404, reason: undefined, body: { detail: "Asset not found or not accessible." } });
  });

  it("reports a refused GET as an http-status error and an unreachable one as a network error", async () => {
    const unauthorized = { code: -32000, message: "Unauthorized: send a valid API key.", data: { reason: "unauthorized" } };
    await using server = await startServer((_req, res) => {
      res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ jsonrpc: "2.0", id: null, error: unauthorized }));
    }, { wireContract: false /* a refusing fixture, closed at once */ });
    const refused = await openSession(`${server.url}/v1/mcp/sse`).catch((caught: unknown) => caught);
    expect(refused).toMatchObject({ kind: "http-status", status: 401, reason: "unauthorized", message: expect.stringMatching(/^GET .* 401/) });
    await server.close();
    const unreachable = await openSession(`${server.url}/v1/mcp/sse`).catch((caught: unknown) => caught);
    expect(unreachable).toMatchObject({ name: "McpTransportError", kind: "network", cause: expect.any(Error) });
  });

  it("stops listTools with an error when the server repeats a cursor", async () => {
    await using server = await startServer(async (req, res) => {
      let body = "";
      for await (const chunk of req) body += String(chunk);
      if (req.method === "GET") {
        res.writeHead(200, { "content-type": "text/event-stream" }).write("event: endpoint\ndata: ?sessionId=1\n\n");
        return;
      }
      const { id } = JSON.parse(body) as { id: number };
      const result = { tools: [{ name: `t${id}`, inputSchema: { type: "object" } }], nextCursor: "again" };
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ jsonrpc: "2.0", id, result }));
    }, { wireContract: false /* a server that repeats a cursor and uses a short session id, on purpose */ });
    await using session = await openSession(`${server.url}/mcp`);
    await expect(session.listTools()).rejects.toThrow(/returned cursor 'again' twice/);
  });

  it("surfaces keep-alives, server notifications, server requests and malformed data as events", async () => {
    await using server = await startSseFixture((id) => `/m?sessionId=${id}`);
    await using session = await openSession(`${server.url}/sse`);
    const keepalive = nextEvent(session, "keepalive");
    server.write(": keepalive\n\n");
    expect(await keepalive).toBe("keepalive");
    const notification = nextEvent(session, "notification");
    server.write(`data: ${JSON.stringify({ jsonrpc: "2.0", method: "notifications/tools/list_changed" })}\n\n`);
    expect(await notification).toEqual({ jsonrpc: "2.0", method: "notifications/tools/list_changed" });
    const request = nextEvent(session, "request");
    server.write(`event: message\ndata: ${JSON.stringify({ jsonrpc: "2.0", id: "srv-1", method: "ping" })}\n\n`);
    expect(await request).toEqual({ jsonrpc: "2.0", id: "srv-1", method: "ping" });
    const malformed = nextEvent(session, "malformed");
    server.write("event: message\ndata: {not json\n\n");
    expect(await malformed).toMatchObject({ data: "{not json", reason: expect.stringMatching(/not JSON/) });
  });

  it("rejects requests waiting on the stream when the server ends it, and emits end", async () => {
    await using server = await startSseFixture((id) => `/m?sessionId=${id}`, "sync");
    await using session = await openSession(`${server.url}/sse`);
    const ended = nextEvent(session, "end");
    server.endStreams();
    expect(await ended).toMatchObject({ kind: "stream-closed", message: expect.stringMatching(/server ended/) });
    expect(session.state).toBe("ended");
    // The Celonis dialect still answers POSTs synchronously once its stream is over.
    await expect(session.request("ping")).resolves.toEqual({ echoed: null });
  });
});
