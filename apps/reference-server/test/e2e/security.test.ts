import { request } from "node:http";
import { openSseStream } from "@mcp-contract/test-helpers";
import { describe, expect, it } from "vitest";
import { CELONIS_BUILTIN, SSE_DIALECTS, expectSpec, openSession, post, startApp } from "./harness.js";

const PING = { jsonrpc: "2.0", id: 1, method: "ping" };
const KEY_A = "key-a-0f3b9c1d";
const KEY_B = "key-b-77e2aa10";
const TOKEN = "token-5d1e2f3a";

/** A GET with full control over the Host header (fetch does not allow setting it). */
function getWithHost(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.setTimeout(5_000, () => req.destroy(new Error("timed out")));
    req.end();
  });
}

describe("Origin and Host allowlist", () => {
  const paths = [
    { name: "Spice", path: "/v1/mcp/sse", schema: "TransportError" },
    { name: "OpenSearch", path: "/_plugins/_ml/mcp/sse", schema: "TransportError" },
    { name: "Celonis", path: CELONIS_BUILTIN, schema: "ErrorDetail" },
  ];

  it.each(paths)("$name: refuses a foreign Origin with 403 on GET", async ({ path, schema }) => {
    await using server = await startApp();
    const response = await fetch(server.url + path, { headers: { origin: "http://evil.example" } });
    expect(response.status).toBe(403);
    const body: unknown = await response.json();
    expectSpec("message", schema, body);
    expect(JSON.stringify(body)).toContain("Origin 'http://evil.example' is not allowed");
    expect(server.app.sessions.size).toBe(0);
  });

  it.each(SSE_DIALECTS)("$name: refuses a foreign Origin with 403 on POST, before the session check", async (dialect) => {
    await using server = await startApp();
    await using session = await openSession(server.url, dialect);
    const response = await post(session.postUrl, PING, { origin: "https://evil.example" });
    expect(response.status).toBe(403);
    expectSpec("message", "TransportError", response.json());
    expect(response.json()).toMatchObject({ error: { code: -32000, data: { reason: "forbidden_origin" } } });
    expect(session.messages()).toEqual([]);
  });

  it("refuses a foreign Origin on Celonis POST with {detail}", async () => {
    await using server = await startApp();
    const response = await post(server.url + CELONIS_BUILTIN, PING, { origin: "http://evil.example" });
    expect(response.status).toBe(403);
    expect(response.json()).toEqual({ detail: "Forbidden: Origin 'http://evil.example' is not allowed." });
  });

  it.each(["http://127.0.0.1:3000", "http://localhost:5173", "http://[::1]:8080", "https://localhost"])("lets loopback Origin %s through", async (origin) => {
    await using server = await startApp();
    await using stream = await openSseStream(`${server.url}/v1/mcp/sse`, { headers: { origin } });
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get("access-control-allow-origin")).toBe(origin);
  });

  it("lets an --allow-origin origin through, with CORS headers and preflight", async () => {
    await using server = await startApp({ config: { allowedOrigins: ["https://app.example"] } });
    await using session = await openSession(server.url, SSE_DIALECTS[0]!, { origin: "https://app.example" });
    const response = await post(session.postUrl, PING, { origin: "https://app.example" });
    expect(response.status).toBe(202);
    expect(response.headers.get("access-control-allow-origin")).toBe("https://app.example");
    const preflight = await fetch(session.postUrl, { method: "OPTIONS", headers: { origin: "https://app.example", "access-control-request-method": "POST" } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-methods")).toBe("GET, POST");
    expect(preflight.headers.get("access-control-allow-headers")).toContain("X-API-Key");
    const refused = await fetch(session.postUrl, { method: "OPTIONS", headers: { origin: "https://other.example" } });
    expect(refused.status).toBe(403);
  });

  it("refuses a non-loopback Host when listening on loopback (DNS rebinding)", async () => {
    await using server = await startApp();
    const rebound = await getWithHost(`${server.url}/v1/mcp/sse`, `evil.example:${server.port}`);
    expect(rebound.status).toBe(403);
    expectSpec("message", "TransportError", JSON.parse(rebound.body));
    expect(rebound.body).toContain("Host 'evil.example:");
    const celonis = await getWithHost(server.url + CELONIS_BUILTIN, "evil.example");
    expect(celonis.status).toBe(403);
    expect(JSON.parse(celonis.body)).toEqual({ detail: "Forbidden: Host 'evil.example' is not allowed." });
  });
});

describe("API key auth (every MCP endpoint, other routes)", () => {
  it.each(SSE_DIALECTS)("$name: 401 without or with a wrong key, 200 with a configured one", async (dialect) => {
    await using server = await startApp({ config: { apiKeys: [KEY_A, KEY_B] } });
    const attempts: Array<Record<string, string>> = [{}, { "x-api-key": "wrong" }, { "x-api-key": "" }];
    for (const headers of attempts) {
      const response = await fetch(server.url + dialect.streamPath, { headers });
      expect(response.status).toBe(401);
      const body: unknown = await response.json();
      expectSpec("message", "TransportError", body);
      expect(body).toMatchObject({ error: { code: -32000, data: { reason: "unauthorized" } } });
      expect(JSON.stringify(body)).toContain("X-API-Key");
    }
    await using session = await openSession(server.url, dialect, { "x-api-key": KEY_B });
    expect((await session.request(1, "ping")).result).toEqual({});
    const unauthenticated = await post(session.postUrl, PING);
    expect(unauthenticated.status).toBe(401);
    expectSpec("message", "TransportError", unauthenticated.json());
  });

  it.each(SSE_DIALECTS)("$name: a session is bound to its key; another valid key gets 404", async (dialect) => {
    await using server = await startApp({ config: { apiKeys: [KEY_A, KEY_B] } });
    await using session = await openSession(server.url, dialect, { "x-api-key": KEY_A });
    const other = await post(session.postUrl, PING, { "x-api-key": KEY_B });
    expect(other.status).toBe(404);
    expect(other.json()).toMatchObject({ error: { data: { reason: "unknown_session" } } });
    expect((await post(session.postUrl, PING, { "x-api-key": KEY_A })).status).toBe(202);
  });

  it("does not let one dialect's session be used through another dialect's path", async () => {
    await using server = await startApp();
    await using spice = await openSession(server.url, SSE_DIALECTS[0]!);
    const response = await post(`${server.url}/sse/message?sessionId=${spice.sessionId}`, PING);
    expect(response.status).toBe(404);
  });

  it("guards plugged-in routes with the API key, answering ApiError", async () => {
    await using server = await startApp({
      config: { apiKeys: [KEY_A] },
      routes: [(_req, res) => (res.writeHead(204).end(), true)],
    }, { wireContract: false /* the test's own route answers 204, which the registry spec does not document */ });
    const refused = await fetch(`${server.url}/v1/mcp-servers/`);
    expect(refused.status).toBe(401);
    const body: unknown = await refused.json();
    expectSpec("registry", "ApiError", body);
    expect(body).toMatchObject({ code: "unauthorized" });
    expect((await fetch(`${server.url}/v1/mcp-servers/`, { headers: { "x-api-key": KEY_A } })).status).toBe(204);
  });

  it("guards Celonis too: an anonymous caller gets 401 {detail}, the API key opens it (issue 11, finding 3)", async () => {
    await using server = await startApp({ config: { apiKeys: [KEY_A] } });
    const refused = await post(server.url + CELONIS_BUILTIN, PING);
    expect(refused.status).toBe(401);
    expectSpec("message", "ErrorDetail", refused.json());
    expect((await post(server.url + CELONIS_BUILTIN, PING, { "x-api-key": KEY_A })).status).toBe(200);
  });
});

describe("Bearer auth (Celonis)", () => {
  it("401 {detail} with a challenge without or with a wrong token; 200 with the token", async () => {
    await using server = await startApp({ config: { bearerTokens: [TOKEN] } });
    const attempts: Array<Record<string, string>> = [{}, { authorization: "Bearer nope" }, { authorization: `Basic ${TOKEN}` }];
    for (const headers of attempts) {
      for (const method of ["GET", "POST"]) {
        const response = await fetch(server.url + CELONIS_BUILTIN, {
          method,
          headers: { "content-type": "application/json", ...headers },
          ...(method === "POST" ? { body: JSON.stringify(PING) } : {}),
        });
        expect(response.status).toBe(401);
        expect(response.headers.get("www-authenticate")).toMatch(/^Bearer realm="mcp-contract"/);
        const body: unknown = await response.json();
        expectSpec("message", "ErrorDetail", body);
        expect(JSON.stringify(body)).toContain("Authorization: Bearer <token>");
      }
    }
    const ok = await post(server.url + CELONIS_BUILTIN, PING, { authorization: `bearer ${TOKEN}` });
    expect(ok.status).toBe(200);
    // Once any credential is configured, Spice refuses anonymous callers too; the token opens it.
    expect((await fetch(server.url + SSE_DIALECTS[0]!.streamPath)).status).toBe(401);
    await using spice = await openSession(server.url, SSE_DIALECTS[0]!, { authorization: `Bearer ${TOKEN}` });
    expect((await spice.request(1, "ping")).result).toEqual({});
  });

  it("never writes a secret to the log", async () => {
    await using server = await startApp({ config: { apiKeys: [KEY_A], bearerTokens: [TOKEN] } });
    await post(server.url + CELONIS_BUILTIN, { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "throw" } }, { authorization: `Bearer ${TOKEN}` });
    await using session = await openSession(server.url, SSE_DIALECTS[0]!, { "x-api-key": KEY_A });
    await session.request(2, "tools/call", { name: "throw" });
    expect(server.logs.length).toBeGreaterThan(0);
    const logs = server.logs.join("\n");
    expect(logs).not.toContain(KEY_A);
    expect(logs).not.toContain(TOKEN);
  });
});

describe("rate limits", () => {
  const call = (id: number) => ({ jsonrpc: "2.0", id, method: "tools/call", params: { name: "echo", arguments: { text: "x" } } });

  it("Celonis: past the per-asset limit, tools/call answers isError with retry guidance", async () => {
    await using server = await startApp({ config: { rateLimitPerMinute: 3 } });
    for (let id = 1; id <= 3; id += 1) {
      expect((await post(server.url + CELONIS_BUILTIN, call(id))).json()).toMatchObject({ id, result: { content: [{ text: "x" }] } });
    }
    const limited = (await post(server.url + CELONIS_BUILTIN, call(4))).json() as { result: { isError: boolean; content: Array<{ text: string }> } };
    expectSpec("message", "ServerMessage", limited);
    expect(limited.result.isError).toBe(true);
    expect(limited.result.content[0]?.text).toMatch(/^Rate limit exceeded: 3 calls per minute for this asset\. Retry after \d+ seconds\.$/);
    // Other methods are still answered.
    expect((await post(server.url + CELONIS_BUILTIN, PING)).json()).toEqual({ jsonrpc: "2.0", id: 1, result: {} });
  });

  it("SSE: the limit is per session", async () => {
    await using server = await startApp({ config: { rateLimitPerMinute: 2 } });
    await using a = await openSession(server.url, SSE_DIALECTS[0]!);
    await using b = await openSession(server.url, SSE_DIALECTS[0]!);
    await a.request(1, "tools/call", { name: "echo", arguments: { text: "x" } });
    await a.request(2, "tools/call", { name: "echo", arguments: { text: "x" } });
    const limited = await a.request(3, "tools/call", { name: "echo", arguments: { text: "x" } });
    expect(limited.result).toMatchObject({ isError: true, content: [{ text: expect.stringMatching(/for this session\. Retry after \d+ seconds/) as unknown }] });
    expect((await b.request(1, "tools/call", { name: "echo", arguments: { text: "y" } })).result).toMatchObject({ content: [{ text: "y" }] });
  });

  it("0 turns the limit off", async () => {
    await using server = await startApp({ config: { rateLimitPerMinute: 0 } });
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => post(server.url + CELONIS_BUILTIN, call(i))));
    expect(answers.every((a) => (a.json() as { result: { isError?: boolean } }).result.isError === undefined)).toBe(true);
  });
});
