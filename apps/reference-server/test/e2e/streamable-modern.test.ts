/**
 * The 2026-07-28 requests on `/mcp`, over raw HTTP: header and `_meta` validation with the codes
 * and statuses the spec names, `server/discover`, `resultType` and serverInfo on every result,
 * JSON or SSE answers per `Accept`, cancellation by closing the stream; and the era choice of the
 * dual-era endpoint and of `--eras modern` / `--eras legacy`.
 */
import { openSseStream } from "@mcp-contract/test-helpers";
import { describe, expect, it } from "vitest";
import { expectSpec, post, rawExchange, startApp } from "./harness.js";
import { expectRpcError, MODERN, modernHeaders, modernMeta, modernRequest, postModern } from "./modern-harness.js";
import { ACCEPT_BOTH, GateTools, initialize, initializeRequest } from "./streamable-harness.js";

const SERVER_INFO = { name: "mcp-contract-reference-server", version: "0.1.0" };

/** The endpoints that serve modern requests: /mcp in both --eras that have them, and Spice's dual-era /v1/mcp. */
const MODERN_ENDPOINTS = [
  { path: "/mcp", eras: "both" },
  { path: "/mcp", eras: "modern" },
  { path: "/v1/mcp", eras: "both" },
] as const;

describe.each(MODERN_ENDPOINTS)("$path with --eras $eras: 2026-07-28 requests", ({ path: PATH, eras }) => {
  const legacyToo = PATH !== "/mcp" || eras === "both";

  it("answers server/discover with the revisions served, the capabilities and serverInfo", async () => {
    await using server = await startApp({ config: { eras } });
    const body = modernRequest("discover-1", "server/discover");
    const result = await postModern(server.url + PATH, body);
    expect(result.status).toBe(200);
    expect(result.headers.get("content-type")).toBe("application/json");
    expect(result.headers.get("mcp-session-id")).toBeNull();
    const answer = result.json() as { id: string; result: Record<string, unknown> };
    expectSpec("streamable", "DiscoverResultResponse", answer);
    expect(answer.id).toBe("discover-1");
    expect(answer.result["resultType"]).toBe("complete");
    expect(answer.result["supportedVersions"]).toEqual(legacyToo ? [MODERN, "2025-11-25", "2025-06-18", "2025-03-26"] : [MODERN]);
    expect(answer.result["capabilities"]).toMatchObject({ tools: {} });
    expect(answer.result["_meta"]).toEqual({ "io.modelcontextprotocol/serverInfo": SERVER_INFO });
  });

  it("serves tools/list and tools/call with resultType and serverInfo on each result, and keeps no session", async () => {
    await using server = await startApp({ config: { eras } });
    const list = await postModern(server.url + PATH, modernRequest(1, "tools/list"));
    expect(list.status).toBe(200);
    const listed = list.json() as { result: { tools: Array<{ name: string }>; resultType: string; _meta: Record<string, unknown> } };
    expectSpec("streamable", "ModernResultResponse", listed);
    expect(listed.result.resultType).toBe("complete");
    expect(listed.result.tools.map((tool) => tool.name)).toContain("echo");
    expect(listed.result._meta["io.modelcontextprotocol/serverInfo"]).toEqual(SERVER_INFO);
    // tools/list is cacheable: its caching hints are a MUST (server/utilities/caching.mdx).
    expect(listed.result).toMatchObject({ ttlMs: 0, cacheScope: "public" });
    const call = await postModern(server.url + PATH, modernRequest(2, "tools/call", { name: "echo", arguments: { text: "hello" } }));
    expect(call.status).toBe(200);
    const called = call.json() as { id: number; result: Record<string, unknown> };
    expectSpec("streamable", "ModernResultResponse", called);
    expect(called).toMatchObject({ id: 2, result: { resultType: "complete", content: [{ type: "text", text: "hello" }], structuredContent: { text: "hello" } } });
    expect(server.app.sessions.size).toBe(0);
  });

  it("answers a tool's own failure and bad arguments as tool execution errors (isError) inside a 200, with resultType on the result", async () => {
    await using server = await startApp({ config: { eras } });
    const failed = await postModern(server.url + PATH, modernRequest(3, "tools/call", { name: "fail", arguments: {} }));
    expect(failed.status).toBe(200);
    expect(failed.json()).toMatchObject({ result: { isError: true, resultType: "complete" } });
    // 2026-07-28 server/tools "Error Handling": input validation errors are tool execution errors.
    const bad = await postModern(server.url + PATH, modernRequest(4, "tools/call", { name: "echo", arguments: { text: 7 } }));
    expect(bad.status).toBe(200);
    expect(bad.json()).toMatchObject({ id: 4, result: { isError: true, resultType: "complete", content: [{ type: "text", text: expect.stringContaining("/text must be string") }] } });
  });

  it("matches header names case-insensitively on the wire", async () => {
    await using server = await startApp({ config: { eras } });
    const body = JSON.stringify(modernRequest(5, "tools/call", { name: "echo", arguments: { text: "case" } }));
    const head =
      `POST ${PATH} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Type: application/json\r\nAccept: ${ACCEPT_BOTH}\r\n` +
      `MCP-PROTOCOL-VERSION: ${MODERN}\r\nmcp-method: tools/call\r\nMCP-name: echo\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
    const { response } = await rawExchange(server.port, head, async () => {});
    expect(response.startsWith("HTTP/1.1 200 ")).toBe(true);
    expect(response).toContain('"text":"case"');
  });

  it("compares header values case-sensitively: Mcp-Method TOOLS/LIST is a mismatch (-32020)", async () => {
    await using server = await startApp({ config: { eras } });
    const error = expectRpcError(await postModern(server.url + PATH, modernRequest(6, "tools/list"), { "mcp-method": "TOOLS/LIST" }), 400, -32020, 6);
    expect(error.message).toContain("Mcp-Method header value 'TOOLS/LIST' does not match body value 'tools/list'");
  });

  it("decodes an Mcp-Name in the =?base64?…?= form before comparing, and refuses one that is not Base64", async () => {
    await using server = await startApp({ config: { eras } });
    const body = modernRequest(7, "tools/call", { name: "echo", arguments: { text: "b64" } });
    const encoded = `=?base64?${Buffer.from("echo", "utf8").toString("base64")}?=`;
    const ok = await postModern(server.url + PATH, body, { "mcp-name": encoded });
    expect(ok.status).toBe(200);
    expect(ok.json()).toMatchObject({ result: { content: [{ text: "b64" }] } });
    const wrong = await postModern(server.url + PATH, body, { "mcp-name": `=?base64?${Buffer.from("add").toString("base64")}?=` });
    expect(expectRpcError(wrong, 400, -32020, 7).message).toContain("Mcp-Name header value 'add' does not match body value 'echo'");
    const broken = await postModern(server.url + PATH, body, { "mcp-name": "=?base64?not base64!?=" });
    expect(expectRpcError(broken, 400, -32020, 7).message).toContain("not valid Base64");
  });

  it.for([
    { header: "mcp-method", named: "Mcp-Method" },
    { header: "mcp-name", named: "Mcp-Name" },
    { header: "mcp-protocol-version", named: "MCP-Protocol-Version" },
  ])("answers a missing $named with 400 and -32020 naming it", async ({ header, named }, { expect }) => {
    await using server = await startApp({ config: { eras } });
    const result = await postModern(server.url + PATH, modernRequest(8, "tools/call", { name: "echo", arguments: { text: "x" } }), { [header]: "" });
    expect(result.status).toBe(400);
    const body = result.json() as { id: number; error: { code: number; message: string } };
    expectSpec("streamable", "HeaderMismatchError", body);
    expect(body).toMatchObject({ id: 8, error: { code: -32020 } });
    expect(body.error.message).toContain(`the ${named} header is required and missing`);
  });

  it("answers Mcp-Name different from params.name with 400 and -32020", async () => {
    await using server = await startApp({ config: { eras } });
    const error = expectRpcError(await postModern(server.url + PATH, modernRequest(9, "tools/call", { name: "echo", arguments: { text: "x" } }), { "mcp-name": "add" }), 400, -32020, 9);
    expect(error.message).toBe("Header mismatch: Mcp-Name header value 'add' does not match body value 'echo'.");
  });

  it("answers MCP-Protocol-Version different from _meta protocolVersion with 400 and -32020", async () => {
    await using server = await startApp({ config: { eras } });
    const body = { jsonrpc: "2.0", id: 10, method: "tools/list", params: { _meta: modernMeta({ "io.modelcontextprotocol/protocolVersion": "2025-11-25" }) } };
    const error = expectRpcError(await postModern(server.url + PATH, body), 400, -32020, 10);
    expect(error.message).toContain(`MCP-Protocol-Version header value '${MODERN}' does not match body value '2025-11-25'`);
  });

  it.for([
    { what: "no _meta", params: {}, names: "params._meta is missing" },
    { what: "no protocolVersion", params: { _meta: { "io.modelcontextprotocol/clientCapabilities": {} } }, names: "io.modelcontextprotocol/protocolVersion" },
    { what: "no clientCapabilities", params: { _meta: { "io.modelcontextprotocol/protocolVersion": MODERN } }, names: "io.modelcontextprotocol/clientCapabilities" },
  ])("answers a request with $what with 400 and -32602 naming the key", async ({ params, names }, { expect }) => {
    await using server = await startApp({ config: { eras } });
    const body = { jsonrpc: "2.0", id: 11, method: "tools/list", params };
    const result = await post(server.url + PATH, body, modernHeaders(body));
    expect(result.status).toBe(400);
    const answer = result.json() as { id: number; error: { code: number; message: string } };
    expectSpec("streamable", "BadRequestBody", answer);
    expect(answer).toMatchObject({ id: 11, error: { code: -32602 } });
    expect(answer.error.message).toContain(names);
  });

  it("serves a request without clientInfo", async () => {
    await using server = await startApp({ config: { eras } });
    const body = { jsonrpc: "2.0", id: 12, method: "tools/list", params: { _meta: { "io.modelcontextprotocol/protocolVersion": MODERN, "io.modelcontextprotocol/clientCapabilities": {} } } };
    expect((await postModern(server.url + PATH, body)).status).toBe(200);
  });

  it("answers an unsupported revision with 400 and -32022 listing data.supported and echoing data.requested", async () => {
    await using server = await startApp({ config: { eras } });
    const body = { jsonrpc: "2.0", id: 13, method: "tools/list", params: { _meta: modernMeta({ "io.modelcontextprotocol/protocolVersion": "1900-01-01" }) } };
    const result = await postModern(server.url + PATH, body, { "mcp-protocol-version": "1900-01-01" });
    expect(result.status).toBe(400);
    const answer = result.json() as { error: { data: { supported: string[]; requested: string } } };
    expectSpec("streamable", "UnsupportedProtocolVersionError", answer);
    expect(answer).toMatchObject({ id: 13, error: { code: -32022, data: { requested: "1900-01-01" } } });
    expect(answer.error.data.supported).toContain(MODERN);
  });

  it.for(["ping", "logging/setLevel", "resources/subscribe", "resources/unsubscribe", "initialize", "no/such-method"])(
    "answers %s with 404 and -32601, keeping the request id",
    async (method, { expect }) => {
      await using server = await startApp({ config: { eras } });
      const result = await postModern(server.url + PATH, modernRequest(`m-${method}`, method));
      expect(result.status).toBe(404);
      const answer = result.json() as { id: string; error: { code: number; message: string } };
      expectSpec("streamable", "NotFoundBody", answer);
      expect(answer).toMatchObject({ id: `m-${method}`, error: { code: -32601 } });
      expect(answer.error.message).toContain(method);
    },
  );

  it("accepts a notification with 202 and an empty body", async () => {
    await using server = await startApp({ config: { eras } });
    const result = await post(server.url + PATH, { jsonrpc: "2.0", method: "notifications/progress", params: { progressToken: 1, progress: 1, _meta: modernMeta() } }, {
      accept: ACCEPT_BOTH,
      "mcp-protocol-version": MODERN,
      "mcp-method": "notifications/progress",
    });
    expect(result.status).toBe(202);
    expect(result.text).toBe("");
  });

  it("refuses a batch with 400 and -32600, and a POSTed response likewise", async () => {
    await using server = await startApp({ config: { eras } });
    const headers = { accept: ACCEPT_BOTH, "mcp-protocol-version": MODERN, "mcp-method": "tools/list" };
    const batch = await post(server.url + PATH, [modernRequest(1, "tools/list"), modernRequest(2, "tools/list")], headers);
    expect(expectRpcError(batch, 400, -32600, null).message).toContain("not a batch");
    const response = await post(server.url + PATH, { jsonrpc: "2.0", id: 5, result: {} }, headers);
    expectRpcError(response, 400, -32600, null);
  });

  it("ignores Last-Event-ID on a modern request", async () => {
    await using server = await startApp({ config: { eras } });
    const result = await postModern(server.url + PATH, modernRequest(14, "tools/list"), { "last-event-id": "3:17" });
    expect(result.status).toBe(200);
  });

  it("answers as text/event-stream when that is all the client accepts: X-Accel-Buffering no, no event ids, the response ends it", async () => {
    await using server = await startApp({ config: { eras } });
    const body = modernRequest(15, "tools/call", { name: "echo", arguments: { text: "sse" } });
    await using stream = await openSseStream(server.url + PATH, { method: "POST", body: JSON.stringify(body), headers: { ...modernHeaders(body), accept: "text/event-stream", "content-type": "application/json" } });
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get("content-type")).toBe("text/event-stream");
    expect(stream.response.headers.get("x-accel-buffering")).toBe("no");
    await stream.ended;
    expect(stream.events).toHaveLength(1);
    const [event] = stream.events;
    expect(event?.id).toBeUndefined();
    const message = JSON.parse(event?.data ?? "{}") as Record<string, unknown>;
    expectSpec("streamable", "ModernSseEvent", { event: "message", data: message });
    expect(message).toMatchObject({ id: 15, result: { resultType: "complete", content: [{ text: "sse" }] } });
  });

  it("streams progress notifications before the response when the request has a progressToken", async () => {
    await using server = await startApp({ config: { eras } });
    const body = { jsonrpc: "2.0", id: 16, method: "tools/call", params: { name: "progress", arguments: { steps: 3 }, _meta: modernMeta({ progressToken: "p16" }) } };
    await using stream = await openSseStream(server.url + PATH, { method: "POST", body: JSON.stringify(body), headers: { ...modernHeaders(body), "content-type": "application/json" } });
    expect(stream.response.headers.get("content-type")).toBe("text/event-stream");
    await stream.ended;
    const messages = stream.events.map((event) => JSON.parse(event.data) as Record<string, unknown>);
    expect(messages.map((message) => message["method"] ?? "response")).toEqual(["notifications/progress", "notifications/progress", "notifications/progress", "response"]);
    for (const message of messages) expectSpec("streamable", "ModernSseEvent", { event: "message", data: message });
    expect(messages[3]).toMatchObject({ id: 16, result: { resultType: "complete" } });
  });

  it("treats closing the SSE answer as cancellation: the running tool call is aborted", async () => {
    const gate = new GateTools();
    await using server = await startApp({ config: { eras }, toolSources: [gate] });
    const body = { jsonrpc: "2.0", id: 17, method: "tools/call", params: { name: "gate", arguments: {}, _meta: modernMeta({ progressToken: "g" }) } };
    const stream = await openSseStream(server.url + PATH, { method: "POST", body: JSON.stringify(body), headers: { ...modernHeaders(body), "content-type": "application/json" } });
    const call = await gate.started(0);
    await stream.waitFor((event) => event.data.includes("waiting at the gate"));
    expect(call.signal.aborted).toBe(false);
    stream.close();
    await call.settled;
    expect(call.signal.aborted).toBe(true);
    expect(server.logs).toEqual([]);
  });
});

describe("/mcp dual-era (the default)", () => {
  const PATH = "/mcp";
  it("opens a legacy session with initialize and serves modern requests beside it", async () => {
    await using server = await startApp();
    const session = await initialize(server.url + PATH, "2025-11-25");
    const legacy = await session.request(1, "tools/list");
    expect((legacy["result"] as Record<string, unknown>)["resultType"]).toBeUndefined();
    const modern = await postModern(server.url + PATH, modernRequest(2, "tools/list"));
    expect(modern.status).toBe(200);
    expect(modern.headers.get("mcp-session-id")).toBeNull();
    expect(server.app.sessions.size).toBe(1);
  });

  it("serves a modern request statelessly even when it names a session; a 2025 one naming an unknown session is 404", async () => {
    // versioning.mdx: "A request carrying modern per-request _meta is served statelessly"; the
    // MCP-Protocol-Version header decides before the body is read.
    await using server = await startApp();
    const session = await initialize(server.url + PATH, "2025-11-25");
    for (const id of ["no-such-session-0123456789", session.id]) {
      const modern = await postModern(server.url + PATH, modernRequest(3, "tools/list"), { "mcp-session-id": id });
      expect(modern.status).toBe(200);
      expect((modern.json() as { result: Record<string, unknown> }).result["resultType"]).toBe("complete");
      expect(modern.headers.get("mcp-session-id")).toBeNull();
    }
    expect(server.app.sessions.size).toBe(1);
    expect((await session.request(4, "ping"))["result"]).toEqual({});
    const legacy = await post(server.url + PATH, { jsonrpc: "2.0", id: 5, method: "tools/list" }, {
      accept: ACCEPT_BOTH,
      "mcp-protocol-version": "2025-11-25",
      "mcp-session-id": "no-such-session-0123456789",
    });
    expect(legacy.status).toBe(404);
    expect(legacy.json()).toMatchObject({ error: { code: -32000, data: { reason: "unknown_session" } } });
  });

  it("answers a 2025 request with no session and no modern marks as a 2025 server: 400 missing_session_id", async () => {
    await using server = await startApp();
    const result = await post(server.url + PATH, { jsonrpc: "2.0", id: 4, method: "tools/list" }, { accept: ACCEPT_BOTH });
    expect(result.status).toBe(400);
    expect(result.json()).toMatchObject({ id: null, error: { code: -32000, data: { reason: "missing_session_id" } } });
  });
});

describe("/mcp with --eras modern", () => {
  const PATH = "/mcp";
  it.for(["GET", "DELETE"])("answers %s with 405, Allow: POST and a TransportError", async (method, { expect }) => {
    await using server = await startApp({ config: { eras: "modern" } });
    const response = await fetch(server.url + PATH, { method, headers: { accept: "text/event-stream", "mcp-session-id": "abc-0123456789abcdef" }, signal: AbortSignal.timeout(10_000) });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
    const body = (await response.json()) as Record<string, unknown>;
    expectSpec("streamable", "TransportError", body);
    expect(body).toMatchObject({ error: { data: { reason: "method_not_allowed" } } });
  });

  it("answers a legacy initialize with 400 naming the supported revisions, and opens no session", async () => {
    await using server = await startApp({ config: { eras: "modern" } });
    const result = await post(server.url + PATH, initializeRequest("2025-11-25", 0), { accept: ACCEPT_BOTH });
    const error = expectRpcError(result, 400, -32022, 0);
    expect(error.message).toContain(MODERN);
    expect(error.data).toEqual({ supported: [MODERN], requested: "2025-11-25" });
    expect(result.headers.get("mcp-session-id")).toBeNull();
    expect(server.app.sessions.size).toBe(0);
  });

  it("names the supported revisions in every error to an initialize, whatever headers it carries", async () => {
    // versioning.mdx: a modern-only server SHOULD name its versions in any error to initialize.
    await using server = await startApp({ config: { eras: "modern" } });
    const retried = await post(server.url + PATH, initializeRequest("2025-06-18", 1), { accept: ACCEPT_BOTH, "mcp-protocol-version": "2025-06-18" });
    expect(expectRpcError(retried, 400, -32022, 1).data).toEqual({ supported: [MODERN], requested: "2025-06-18" });
    const modernShaped = { jsonrpc: "2.0", id: 2, method: "initialize", params: { _meta: modernMeta() } };
    const removed = await postModern(server.url + PATH, modernShaped);
    expect(expectRpcError(removed, 404, -32601, 2).message).toBe(`Method not found: 'initialize' was removed in 2026-07-28; this endpoint serves ${MODERN}.`);
    expect(server.app.sessions.size).toBe(0);
  });

  it("ignores Mcp-Session-Id: served as usual, none minted or echoed", async () => {
    await using server = await startApp({ config: { eras: "modern" } });
    const result = await postModern(server.url + PATH, modernRequest(1, "tools/list"), { "mcp-session-id": "stale-session-0123456789" });
    expect(result.status).toBe(200);
    expect(result.headers.get("mcp-session-id")).toBeNull();
  });

  it("answers a 2025 request with no headers with 400 and -32020 (a legacy client meets a modern server)", async () => {
    await using server = await startApp({ config: { eras: "modern" } });
    const result = await post(server.url + PATH, { jsonrpc: "2.0", id: 2, method: "tools/list" }, { accept: ACCEPT_BOTH });
    expectRpcError(result, 400, -32020, 2);
  });
});

describe("/mcp with --eras legacy", () => {
  const PATH = "/mcp";
  it("answers modern requests as a 2025 server: no session, 400 missing_session_id; Spice /v1/mcp stays dual-era", async () => {
    await using server = await startApp({ config: { eras: "legacy" } });
    for (const method of ["server/discover", "tools/list"]) {
      const result = await postModern(server.url + PATH, modernRequest(1, method));
      expect(result.status).toBe(400);
      expect(result.json()).toMatchObject({ error: { code: -32000, data: { reason: "missing_session_id" } } });
    }
    const session = await initialize(server.url + PATH);
    expect(session.id.length).toBeGreaterThan(20);
    // The vendor dialects follow their vendors, not --eras.
    expect((await postModern(`${server.url}/v1/mcp`, modernRequest(2, "tools/list"))).status).toBe(200);
  });
});

describe("Spice /v1/mcp dual-era", () => {
  it("keeps Spice's legacy rules beside modern requests: a 2025 request without a session is 404", async () => {
    await using server = await startApp();
    const url = `${server.url}/v1/mcp`;
    const legacy = await post(url, { jsonrpc: "2.0", id: 1, method: "tools/list" }, { accept: ACCEPT_BOTH });
    expect(legacy.status).toBe(404);
    expect(legacy.json()).toMatchObject({ error: { data: { reason: "unknown_session" } } });
    const session = await initialize(url, "2025-06-18");
    expect((await session.request(2, "tools/list"))["result"]).toBeDefined();
    expect((await postModern(url, modernRequest(3, "tools/list"))).status).toBe(200);
  });

  it("asks modern requests for the X-API-Key when the runtime has keys", async () => {
    await using server = await startApp({ config: { apiKeys: ["spice-key"] } });
    const url = `${server.url}/v1/mcp`;
    const refused = await postModern(url, modernRequest(1, "tools/list"));
    expect(refused.status).toBe(401);
    expect(refused.json()).toMatchObject({ error: { data: { reason: "unauthorized" } } });
    expect((await postModern(url, modernRequest(2, "tools/list"), { "x-api-key": "spice-key" })).status).toBe(200);
  });
});
