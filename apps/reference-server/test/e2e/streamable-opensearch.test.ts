/**
 * OpenSearch 3.3+'s stateless `POST /_plugins/_ml/mcp` over raw HTTP: JSON answers only, no
 * session, notifications 202, JSON-RPC errors inside 200, transport faults with their own status,
 * GET and DELETE 405 with no body; and what a 2026-07-28 client meets there.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { describe, expect, it } from "vitest";
import { expectSpec, post, startApp } from "./harness.js";
import { modernRequest, postModern } from "./modern-harness.js";
import { ACCEPT_BOTH, initializeRequest } from "./streamable-harness.js";

const PATH = "/_plugins/_ml/mcp";

/** Expects a 200 JSON-RPC answer that fits the endpoint's 200 schema, and returns it. */
function answerOf(result: Awaited<ReturnType<typeof post>>): Record<string, unknown> {
  expect(result.status).toBe(200);
  expect(result.headers.get("content-type")).toBe("application/json");
  expect(result.headers.get("mcp-session-id")).toBeNull();
  const body = result.json() as Record<string, unknown>;
  expectSpec("streamable", "StreamableServerMessage", body);
  return body;
}

describe("OpenSearch POST /_plugins/_ml/mcp", () => {
  it("answers initialize with the requested 2025 revision (else 2025-11-25) and opens no session", async () => {
    await using server = await startApp();
    for (const [asked, agreed] of [["2025-03-26", "2025-03-26"], ["2025-06-18", "2025-06-18"], ["2024-11-05", "2025-11-25"]]) {
      const answer = answerOf(await post(server.url + PATH, initializeRequest(asked ?? ""), { accept: ACCEPT_BOTH }));
      expect(answer).toMatchObject({ id: 0, result: { protocolVersion: agreed } });
    }
    expect(server.app.sessions.size).toBe(0);
  });

  it("serves tools/list and tools/call as JSON without a session, even when the client takes only SSE", async () => {
    await using server = await startApp();
    const list = answerOf(await post(server.url + PATH, { jsonrpc: "2.0", id: 1, method: "tools/list" }, { accept: ACCEPT_BOTH, "mcp-protocol-version": "2025-06-18" }));
    expect((list["result"] as { tools: Array<{ name: string }> }).tools.map((tool) => tool.name)).toContain("echo");
    const body = { jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "progress", arguments: { steps: 2 }, _meta: { progressToken: "p" } } };
    const call = answerOf(await post(server.url + PATH, body, { accept: "text/event-stream" }));
    expect(call).toMatchObject({ id: 2, result: { content: [{ type: "text", text: "Completed 2 steps." }] } });
  });

  it("accepts a notification with 202 and an empty body", async () => {
    await using server = await startApp();
    const result = await post(server.url + PATH, { jsonrpc: "2.0", method: "notifications/initialized" }, { accept: ACCEPT_BOTH });
    expect(result.status).toBe(202);
    expect(result.text).toBe("");
  });

  it.for([
    { what: "an unknown method", body: { jsonrpc: "2.0", id: 3, method: "no/such" }, code: -32601, id: 3 },
    { what: "bad params", body: { jsonrpc: "2.0", id: 4, method: "tools/call", params: { name: "echo", arguments: { text: 1 } } }, code: -32602, id: 4 },
    { what: "a malformed message", body: { jsonrpc: "1.0", id: 5, method: "tools/list" }, code: -32600, id: 5 },
    { what: "a body that is not JSON", body: "{not json", code: -32700, id: null },
  ])("answers $what inside a 200 with $code", async ({ body, code, id }, { expect }) => {
    await using server = await startApp();
    const answer = answerOf(await post(server.url + PATH, body, { accept: ACCEPT_BOTH }));
    expect(answer).toMatchObject({ id, error: { code } });
  });

  it("keeps the transport faults' own statuses: 415, 413 and 403", async () => {
    await using server = await startApp();
    const media = await post(server.url + PATH, { jsonrpc: "2.0", id: 1, method: "tools/list" }, { "content-type": "text/plain" });
    expect(media.status).toBe(415);
    expect(media.json()).toMatchObject({ error: { data: { reason: "unsupported_media_type" } } });
    const large = await post(server.url + PATH, "x".repeat(4 * 1024 * 1024 + 1));
    expect(large.status).toBe(413);
    expect(large.json()).toMatchObject({ error: { data: { reason: "payload_too_large" } } });
    const origin = await post(server.url + PATH, { jsonrpc: "2.0", id: 1, method: "tools/list" }, { origin: "http://evil.example" });
    expect(origin.status).toBe(403);
    expectSpec("streamable", "TransportError", origin.json());
  });

  it.for(["GET", "DELETE"])("answers %s with 405, Allow: POST and no body", async (method, { expect }) => {
    await using server = await startApp();
    const response = await fetch(server.url + PATH, { method, headers: { accept: "text/event-stream" }, signal: AbortSignal.timeout(10_000) });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
    expect(await response.text()).toBe("");
  });

  it("is a 2025 server to a 2026-07-28 client: server/discover is -32601 in a 200, a modern tools/list has no resultType", async () => {
    await using server = await startApp();
    const discover = answerOf(await postModern(server.url + PATH, modernRequest(6, "server/discover")));
    expect(discover).toMatchObject({ id: 6, error: { code: -32601 } });
    const list = answerOf(await postModern(server.url + PATH, modernRequest(7, "tools/list")));
    expect((list["result"] as Record<string, unknown>)["resultType"]).toBeUndefined();
  });

  it("asks for the X-API-Key when the server has keys", async () => {
    await using server = await startApp({ config: { apiKeys: ["os-key"] } });
    const refused = await post(server.url + PATH, { jsonrpc: "2.0", id: 1, method: "tools/list" });
    expect(refused.status).toBe(401);
    answerOf(await post(server.url + PATH, { jsonrpc: "2.0", id: 1, method: "tools/list" }, { "x-api-key": "os-key" }));
  });

  it("works with the SDK v1 StreamableHTTPClientTransport, which finds no session and no GET stream", async () => {
    await using server = await startApp();
    const transport = new StreamableHTTPClientTransport(new URL(server.url + PATH));
    const client = new Client({ name: "sdk-v1-opensearch", version: "1.0.0" });
    await client.connect(transport);
    expect(transport.sessionId).toBeUndefined();
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain("echo");
    expect(await client.callTool({ name: "echo", arguments: { text: "os" } })).toMatchObject({ content: [{ text: "os" }] });
    await client.close();
    expect(server.logs).toEqual([]);
  });
});
