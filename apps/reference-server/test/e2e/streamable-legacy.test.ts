/**
 * The legacy Streamable HTTP transport (2025-03-26, 2025-06-18, 2025-11-25) over raw HTTP, one
 * rule per test: sessions, headers, statuses, JSON-RPC codes, SSE framing, resumption and
 * isolation between sessions, on every endpoint that serves legacy sessions.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports
 */
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { expectSpec, post, startApp } from "./harness.js";
import {
  ACCEPT_BOTH,
  expectValidEvents,
  GateTools,
  gateCall,
  initialize,
  initializeRequest,
  messagesOf,
} from "./streamable-harness.js";

/**
 * The endpoints that serve legacy sessions, and what a request without a session gets there: the
 * spec's SHOULD (400) on `/mcp`, rmcp's 404 on Spice `/v1/mcp`.
 */
const LEGACY_ENDPOINTS = [
  { path: "/mcp", missingSession: 400, reason: "missing_session_id" },
  { path: "/v1/mcp", missingSession: 404, reason: "unknown_session" },
] as const;

describe.each(LEGACY_ENDPOINTS)("$path", ({ path: PATH, missingSession, reason }) => {
  describe("legacy Streamable HTTP: sessions", () => {
    it("answers initialize with a fresh visible-ASCII Mcp-Session-Id and the requested revision", async () => {
      await using server = await startApp();
      const url = server.url + PATH;
      const ids = new Set<string>();
      for (const version of ["2025-03-26", "2025-06-18", "2025-11-25"]) {
        const session = await initialize(url, version);
        expect(session.version).toBe(version);
        ids.add(session.id);
      }
      expect(ids.size).toBe(3);
      expect(server.app.sessions.size).toBe(3);
    });

    it("answers an unknown or HTTP+SSE-only revision with the newest legacy one", async () => {
      await using server = await startApp();
      for (const asked of ["2024-11-05", "1999-01-01"]) {
        const session = await initialize(server.url + PATH, asked);
        expect(session.version).toBe("2025-11-25");
      }
    });

    it("opens no session when initialize fails (-32602 in a 200, no Mcp-Session-Id)", async () => {
      await using server = await startApp();
      const response = await post(server.url + PATH, { jsonrpc: "2.0", id: 1, method: "initialize", params: {} }, { accept: ACCEPT_BOTH });
      expect(response.status).toBe(200);
      expect(response.headers.get("mcp-session-id")).toBeNull();
      expect((response.json() as { error: { code: number } }).error.code).toBe(-32602);
      expect(server.app.sessions.size).toBe(0);
    });

    it("serves tools/list and tools/call as JSON within the session", async () => {
      await using server = await startApp();
      const session = await initialize(server.url + PATH);
      const list = await session.request(1, "tools/list");
      expect((list["result"] as { tools: Array<{ name: string }> }).tools.map((tool) => tool.name)).toContain("echo");
      const call = await session.request(2, "tools/call", { name: "echo", arguments: { text: "hi" } });
      expect(call["result"]).toMatchObject({ content: [{ type: "text", text: "hi" }] });
    });

    it.each([
      ["2025-03-26", "a protocol error, -32602"],
      ["2025-06-18", "a protocol error, -32602"],
      ["2025-11-25", "a tool execution error (SEP-1303)"],
    ])("answers arguments that break the inputSchema in a %s session as %s", async (version) => {
      await using server = await startApp();
      const session = await initialize(server.url + PATH, version);
      const call = await session.request(3, "tools/call", { name: "echo", arguments: { text: 7 } });
      const text = expect.stringContaining("/text must be string");
      if (version < "2025-11-25") {
        expect(call).toMatchObject({ id: 3, error: { code: -32602, message: text, data: { field: "/text" } } });
      } else {
        expect(call).toMatchObject({ id: 3, result: { isError: true, content: [{ type: "text", text }] } });
        expect(call).not.toHaveProperty("error");
      }
    });

    it(`answers ${missingSession} ${reason} to a request without a session`, async () => {
      await using server = await startApp();
      const response = await post(server.url + PATH, { jsonrpc: "2.0", id: 1, method: "tools/list" }, { accept: ACCEPT_BOTH });
      expect(response.status).toBe(missingSession);
      expectSpec("streamable", missingSession === 404 ? "NotFoundBody" : "BadRequestBody", response.json());
      expect(response.json()).toMatchObject({ id: null, error: { code: -32000, data: { reason } } });
    });

    it("answers 404 unknown_session to an id no live session has", async () => {
      await using server = await startApp();
      const response = await post(server.url + PATH, { jsonrpc: "2.0", id: 1, method: "tools/list" }, { accept: ACCEPT_BOTH, "mcp-session-id": "no-such-session-0123456789" });
      expect(response.status).toBe(404);
      expectSpec("streamable", "NotFoundBody", response.json());
      expect(response.json()).toMatchObject({ id: null, error: { code: -32000, data: { reason: "unknown_session" } } });
    });

    it("refuses a repeated or non-ASCII Mcp-Session-Id with 400", async () => {
      await using server = await startApp();
      const response = await post(server.url + PATH, { jsonrpc: "2.0", id: 1, method: "tools/list" }, { "mcp-session-id": "a b" });
      expect(response.status).toBe(400);
      expect(response.json()).toMatchObject({ error: { data: { reason: "missing_session_id" } } });
    });

    it("refuses initialize inside a session with 400 -32600", async () => {
      await using server = await startApp();
      const session = await initialize(server.url + PATH);
      const response = await session.post(initializeRequest("2025-11-25"));
      expect(response.status).toBe(400);
      expectSpec("streamable", "BadRequestBody", response.json());
      expect(response.json()).toMatchObject({ error: { code: -32600 } });
    });

    it("ends the session on DELETE (204), then answers 404 to POST, GET and DELETE with its id", async () => {
      await using server = await startApp();
      const session = await initialize(server.url + PATH);
      const listening = await session.listen();
      expect(await session.end()).toBe(204);
      await listening.ended;
      const again = await session.post({ jsonrpc: "2.0", id: 3, method: "tools/list" });
      expect(again.status).toBe(404);
      expect(again.json()).toMatchObject({ error: { data: { reason: "unknown_session" } } });
      const get = await fetch(server.url + PATH, { headers: session.headers({ accept: "text/event-stream" }) });
      expect(get.status).toBe(404);
      await get.text();
      expect(await session.end()).toBe(404);
      expect(server.app.sessions.size).toBe(0);
    });

    it("keeps a session to the credential that opened it: another key gets 404", async () => {
      await using server = await startApp({ config: { apiKeys: ["key-a", "key-b"] } });
      const url = server.url + PATH;
      expect((await post(url, initializeRequest("2025-11-25"), { accept: ACCEPT_BOTH })).status).toBe(401);
      const session = await initialize(url, "2025-11-25", { "x-api-key": "key-a" });
      const stolen = await post(url, { jsonrpc: "2.0", id: 1, method: "tools/list" }, session.headers({ "x-api-key": "key-b" }));
      expect(stolen.status).toBe(404);
      const own = await session.request(2, "tools/list");
      expect(own["result"]).toBeDefined();
    });

    it("ends a session idle past --session-idle-ms; its id then gets 404", async () => {
      await using server = await startApp({ config: { sessionIdleMs: 30 } });
      const closed = once(server.app.sessions, "close");
      const session = await initialize(server.url + PATH);
      await closed;
      const response = await session.post({ jsonrpc: "2.0", id: 1, method: "tools/list" });
      expect(response.status).toBe(404);
    });

    it("holds at most --max-sessions: a new session past the cap ends the least recently used", async () => {
      await using server = await startApp({ config: { maxSessions: 2 } });
      const url = server.url + PATH;
      const first = await initialize(url);
      const second = await initialize(url);
      await first.request(1, "ping");
      const third = await initialize(url);
      expect(server.app.sessions.size).toBe(2);
      expect((await second.post({ jsonrpc: "2.0", id: 2, method: "ping" })).status).toBe(404);
      await first.request(3, "ping");
      await third.request(4, "ping");
    });
  });

  describe("legacy Streamable HTTP: headers and bodies", () => {
    it("answers 400 invalid_protocol_version to an unsupported MCP-Protocol-Version", async () => {
      await using server = await startApp();
      const session = await initialize(server.url + PATH, "2025-06-18");
      for (const version of ["1900-01-01", "nonsense"]) {
        const response = await session.post({ jsonrpc: "2.0", id: 1, method: "tools/list" }, { "mcp-protocol-version": version });
        expect(response.status).toBe(400);
        expectSpec("streamable", "BadRequestBody", response.json());
        expect(response.json()).toMatchObject({ error: { code: -32000, data: { reason: "invalid_protocol_version" } } });
      }
      // 2026-07-28 makes it a modern request, served statelessly whatever session it names: its
      // missing Mcp-Method is the modern 400 (-32020), and the session is untouched.
      const modern = await session.post({ jsonrpc: "2.0", id: 2, method: "tools/list" }, { "mcp-protocol-version": "2026-07-28" });
      expect(modern.status).toBe(400);
      expect(modern.json()).toMatchObject({ id: 2, error: { code: -32020 } });
      expect((await session.request(3, "ping"))["result"]).toEqual({});
    });

    it("serves requests naming another supported legacy revision, concurrently, in the session's own revision", async () => {
      // The official suite's server-sse-multiple-streams (0.1.16) sends 2025-03-26 on a 2025-11-25
      // session: the spec makes the negotiated revision a client SHOULD, and 400 a server MUST
      // only for an invalid or unsupported one.
      await using server = await startApp();
      const session = await initialize(server.url + PATH, "2025-11-25");
      const answers = await Promise.all(
        [1, 2, 3].map((id) => session.post({ jsonrpc: "2.0", id, method: "tools/list" }, { "mcp-protocol-version": "2025-03-26" })),
      );
      for (const [index, response] of answers.entries()) {
        expect(response.status).toBe(200);
        expect(response.json()).toMatchObject({ jsonrpc: "2.0", id: index + 1, result: { tools: expect.any(Array) } });
      }
      // A batch stays refused: the session speaks 2025-11-25, whatever revision the header names.
      const batch = await session.post([{ jsonrpc: "2.0", id: 9, method: "ping" }], { "mcp-protocol-version": "2025-03-26" });
      expect(batch.status).toBe(400);
    });

    it("serves a request without MCP-Protocol-Version in the session's revision", async () => {
      await using server = await startApp();
      const session = await initialize(server.url + PATH, "2025-11-25");
      const response = await post(server.url + PATH, { jsonrpc: "2.0", id: 1, method: "ping" }, { "mcp-session-id": session.id, accept: ACCEPT_BOTH });
      expect(response.status).toBe(200);
      expect(response.json()).toEqual({ jsonrpc: "2.0", id: 1, result: {} });
    });

    it("answers a notification or a response with 202 and an empty body", async () => {
      await using server = await startApp();
      const session = await initialize(server.url + PATH);
      for (const body of [
        { jsonrpc: "2.0", method: "notifications/initialized" },
        { jsonrpc: "2.0", id: "server-1", result: {} },
        { jsonrpc: "2.0", id: "server-2", error: { code: -32601, message: "no" } },
      ]) {
        const response = await session.post(body);
        expect(response.status).toBe(202);
        expect(response.text).toBe("");
      }
    });

    it("refuses a malformed message with 400: -32700 for bad JSON, -32600 for a bad envelope", async () => {
      await using server = await startApp();
      const session = await initialize(server.url + PATH);
      const bad = await session.post("{not json");
      expect(bad.status).toBe(400);
      expect(bad.json()).toMatchObject({ id: null, error: { code: -32700, data: { reason: "parse_error" } } });
      for (const body of [{ jsonrpc: "1.0", id: 1, method: "ping" }, { jsonrpc: "2.0", method: 5 }, 42]) {
        const response = await session.post(body);
        expect(response.status).toBe(400);
        expectSpec("streamable", "BadRequestBody", response.json());
        expect(response.json()).toMatchObject({ error: { code: -32600, data: { reason: "invalid_request" } } });
      }
    });

    it("allows batches only in a 2025-03-26 session; elsewhere 400 -32600", async () => {
      await using server = await startApp();
      const url = server.url + PATH;
      const batch = [
        { jsonrpc: "2.0", id: 1, method: "ping" },
        { jsonrpc: "2.0", method: "notifications/initialized" },
        { jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "add", arguments: { a: 1, b: 2 } } },
      ];
      const old = await initialize(url, "2025-03-26");
      const answered = await old.post(batch);
      expect(answered.status).toBe(200);
      expectSpec("streamable", "StreamableJsonAnswer", answered.json());
      const answers = answered.json() as Array<{ id: number }>;
      expect(answers.map((answer) => answer.id)).toEqual([1, 2]);
      const notificationsOnly = await old.post([{ jsonrpc: "2.0", method: "notifications/initialized" }]);
      expect(notificationsOnly.status).toBe(202);
      expect(notificationsOnly.text).toBe("");
      for (const version of ["2025-06-18", "2025-11-25"]) {
        const session = await initialize(url, version);
        const refused = await session.post(batch);
        expect(refused.status).toBe(400);
        expect(refused.json()).toMatchObject({ id: null, error: { code: -32600, data: { reason: "invalid_request" } } });
        expect(refused.json()).toMatchObject({ error: { message: expect.stringContaining(version) } });
      }
    });

    it("refuses an over-long batch of notifications with 400 -32600 instead of a 202 it cannot keep", async () => {
      // A 202 first would leave the refusal no stream but the GET one, which carries no responses.
      await using server = await startApp({ config: { maxBatchMessages: 3 } });
      const old = await initialize(server.url + PATH, "2025-03-26");
      const notification = { jsonrpc: "2.0", method: "notifications/initialized" };
      const refused = await old.post([notification, notification, notification, notification]);
      expect(refused.status).toBe(400);
      expectSpec("streamable", "BadRequestBody", refused.json());
      expect(refused.json()).toMatchObject({
        id: null,
        error: { code: -32600, message: "Invalid Request: the batch holds 4 messages; at most 3 are allowed in one batch. Split it." },
      });
      const responses = await old.post([1, 2, 3, 4].map((n) => ({ jsonrpc: "2.0", id: `r${n}`, result: {} })));
      expect(responses.status).toBe(400);
      const atTheLimit = await old.post([notification, notification, notification]);
      expect(atTheLimit.status).toBe(202);
      expect(atTheLimit.text).toBe("");
    });

    it("refuses a batch that would open a session", async () => {
      await using server = await startApp();
      const response = await post(server.url + PATH, [initializeRequest("2025-03-26")], { accept: ACCEPT_BOTH });
      expect(response.status).toBe(400);
      expect(response.json()).toMatchObject({ error: { code: -32600 } });
      expect(server.app.sessions.size).toBe(0);
    });

    it("checks the media type (415) and the declared size (413) before reading, in a session", async () => {
      await using server = await startApp();
      const session = await initialize(server.url + PATH);
      const text = await session.post(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "ping" }), { "content-type": "text/plain" });
      expect(text.status).toBe(415);
      expect(text.json()).toMatchObject({ error: { data: { reason: "unsupported_media_type" } } });
      const big = await session.post("x".repeat(4 * 1024 * 1024 + 1));
      expect(big.status).toBe(413);
      expect(big.json()).toMatchObject({ error: { data: { reason: "payload_too_large" } } });
    });

    it("refuses a foreign Origin with 403 before anything else", async () => {
      await using server = await startApp();
      const response = await post(server.url + PATH, initializeRequest("2025-11-25"), { accept: ACCEPT_BOTH, origin: "http://evil.example" });
      expect(response.status).toBe(403);
      expect(response.json()).toMatchObject({ id: null, error: { data: { reason: "forbidden_origin" } } });
      expect(server.app.sessions.size).toBe(0);
    });

    it("exposes Mcp-Session-Id to a browser client of an allowed origin", async () => {
      await using server = await startApp({ config: { allowedOrigins: ["http://app.example"] } });
      const response = await post(server.url + PATH, initializeRequest("2025-11-25"), { accept: ACCEPT_BOTH, origin: "http://app.example" });
      expect(response.status).toBe(200);
      expect(response.headers.get("access-control-allow-origin")).toBe("http://app.example");
      expect(response.headers.get("access-control-expose-headers")).toBe("Mcp-Session-Id");
    });

    it("lets an allowed origin's preflight send the session headers", async () => {
      await using server = await startApp({ config: { allowedOrigins: ["http://app.example"] } });
      const response = await fetch(server.url + PATH, {
        method: "OPTIONS",
        headers: { origin: "http://app.example", "access-control-request-method": "POST", "access-control-request-headers": "mcp-session-id" },
      });
      expect(response.status).toBe(204);
      expect(response.headers.get("access-control-allow-methods")).toBe("GET, POST, DELETE");
      const allowed = (response.headers.get("access-control-allow-headers") ?? "").toLowerCase().split(/,\s*/);
      expect(allowed).toEqual(expect.arrayContaining(["mcp-session-id", "mcp-protocol-version", "last-event-id"]));
    });

    it("answers a method the endpoint does not take with 405 and Allow", async () => {
      await using server = await startApp();
      const response = await fetch(server.url + PATH, { method: "PUT" });
      expect(response.status).toBe(405);
      expect(response.headers.get("allow")).toBe("GET, POST, DELETE");
      expect(await response.json()).toMatchObject({ error: { data: { reason: "method_not_allowed" } } });
    });
  });

  describe("legacy Streamable HTTP: SSE answers", () => {
    it("answers as an SSE stream when the client accepts only text/event-stream: priming event, retry, the response, the end", async () => {
      await using server = await startApp();
      const session = await initialize(server.url + PATH, "2025-11-25");
      const stream = await session.stream({ jsonrpc: "2.0", id: 5, method: "tools/list" });
      expect(stream.response.status).toBe(200);
      expect(stream.response.headers.get("content-type")).toBe("text/event-stream");
      expect(stream.response.headers.get("x-accel-buffering")).toBe("no");
      await stream.ended;
      expectValidEvents(stream);
      const [priming, answer] = stream.events;
      expect(priming).toMatchObject({ data: "", id: expect.stringMatching(/^\d+:\d+$/) });
      expect(stream.raw()).toMatch(/^id: \d+:\d+\nretry: \d+\ndata:\n\n/);
      expect(JSON.parse(answer!.data)).toMatchObject({ id: 5, result: { tools: expect.any(Array) } });
      expect(stream.events).toHaveLength(2);
    });

    it("sends no priming event before 2025-11-25", async () => {
      await using server = await startApp();
      for (const version of ["2025-03-26", "2025-06-18"]) {
        const session = await initialize(server.url + PATH, version);
        const stream = await session.stream({ jsonrpc: "2.0", id: 1, method: "ping" });
        await stream.ended;
        expect(stream.events).toHaveLength(1);
        expect(JSON.parse(stream.events[0]!.data)).toEqual({ jsonrpc: "2.0", id: 1, result: {} });
        expect(stream.events[0]!.id).toMatch(/^\d+:\d+$/);
      }
    });

    it("streams progress when the client accepts both, with ids unique across the session's streams", async () => {
      await using server = await startApp();
      const session = await initialize(server.url + PATH);
      const call = { jsonrpc: "2.0", id: 9, method: "tools/call", params: { name: "progress", arguments: { steps: 3 }, _meta: { progressToken: "t" } } };
      const first = await session.stream(call, ACCEPT_BOTH);
      const second = await session.stream({ ...call, id: 10 }, ACCEPT_BOTH);
      await Promise.all([first.ended, second.ended]);
      for (const stream of [first, second]) {
        expectValidEvents(stream);
        const messages = messagesOf(stream);
        expect(messages.map((message) => message["method"] ?? "answer")).toEqual([
          "notifications/progress",
          "notifications/progress",
          "notifications/progress",
          "answer",
        ]);
      }
      expect(messagesOf(first).at(-1)).toMatchObject({ id: 9 });
      expect(messagesOf(second).at(-1)).toMatchObject({ id: 10 });
      const ids = [...first.events, ...second.events].map((event) => event.id);
      expect(new Set(ids).size).toBe(ids.length);
    });

    it("answers JSON, without progress, to a client that accepts only JSON", async () => {
      await using server = await startApp();
      const session = await initialize(server.url + PATH);
      const call = { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "progress", arguments: { steps: 2 }, _meta: { progressToken: "t" } } };
      const response = await session.post(call, { accept: "application/json" });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/json");
      expect(response.json()).toMatchObject({ id: 1, result: { content: [{ text: "Completed 2 steps." }] } });
    });
  });

  describe("legacy Streamable HTTP: the GET stream", () => {
    it("opens the session's stream with a priming event; without a session it is 400; without Accept for SSE 400", async () => {
      await using server = await startApp();
      const url = server.url + PATH;
      const session = await initialize(url);
      const stream = await session.listen();
      expect(stream.response.status).toBe(200);
      expect(stream.response.headers.get("content-type")).toBe("text/event-stream");
      const priming = await stream.waitFor(() => true);
      expect(priming).toMatchObject({ data: "", id: expect.stringMatching(/^\d+:\d+$/) });
      const noSession = await fetch(url, { headers: { accept: "text/event-stream" } });
      expect(noSession.status).toBe(400);
      expect(await noSession.json()).toMatchObject({ error: { data: { reason: "missing_session_id" } } });
      const jsonOnly = await fetch(url, { headers: session.headers({ accept: "application/json" }) });
      expect(jsonOnly.status).toBe(400);
      expect(await jsonOnly.json()).toMatchObject({ error: { data: { reason: "invalid_request" } } });
      stream.close();
    });

    it("keeps one GET stream per session: a second GET replaces the first, which ends", async () => {
      await using server = await startApp();
      const session = await initialize(server.url + PATH);
      const first = await session.listen();
      await first.waitFor(() => true);
      const second = await session.listen();
      await first.ended;
      const primed = await second.waitFor(() => true);
      expect(primed.id).not.toBe(first.events[0]!.id);
      second.close();
    });

    it("never puts a request's messages on the GET stream, nor on another session's streams", async () => {
      const gates = new GateTools();
      await using server = await startApp({ toolSources: [gates] });
      const url = server.url + PATH;
      const a = await initialize(url);
      const b = await initialize(url);
      const aListening = await a.listen();
      const bListening = await b.listen();
      const aCall = await a.stream(gateCall(1), ACCEPT_BOTH);
      const bCall = await b.stream(gateCall(1), ACCEPT_BOTH);
      (await gates.started(0)).open();
      (await gates.started(1)).open();
      await Promise.all([aCall.ended, bCall.ended]);
      for (const [call, token] of [
        [aCall, "p-1"],
        [bCall, "p-1"],
      ] as const) {
        const messages = messagesOf(call);
        expect(messages.filter((message) => message["method"] === "notifications/progress")).toHaveLength(2);
        expect(messages.at(-1)).toMatchObject({ id: 1, result: { content: [{ text: "through" }] } });
        expect(messages.every((message) => message["id"] === 1 || (message["params"] as { progressToken?: string }).progressToken === token)).toBe(true);
      }
      // The two sessions' answers went each to its own POST: the same request id, one answer each.
      expect(messagesOf(aCall)).toHaveLength(3);
      expect(messagesOf(bCall)).toHaveLength(3);
      await a.request(2, "ping");
      expect(messagesOf(aListening)).toEqual([]);
      expect(messagesOf(bListening)).toEqual([]);
      aListening.close();
      bListening.close();
    });
  });

  describe("legacy Streamable HTTP: resumption", () => {
    it("replays only the dropped stream's events after Last-Event-ID, then ends it", async () => {
      const gates = new GateTools();
      await using server = await startApp({ toolSources: [gates] });
      const session = await initialize(server.url + PATH);
      const dropped = await session.stream(gateCall(1), ACCEPT_BOTH);
      const other = await session.stream(gateCall(2), ACCEPT_BOTH);
      const firstProgress = await dropped.waitFor((event) => event.data !== "");
      await other.waitFor((event) => event.data !== "");
      await dropped[Symbol.asyncDispose]();
      const call = await gates.started(0);
      call.open();
      await call.settled;
      const resumed = await session.listen({ "last-event-id": firstProgress.id! });
      expect(resumed.response.status).toBe(200);
      await resumed.ended;
      expectValidEvents(resumed);
      const replayed = messagesOf(resumed);
      expect(replayed).toHaveLength(2);
      expect(replayed[0]).toMatchObject({ method: "notifications/progress", params: { progressToken: "p-1", progress: 2 } });
      expect(replayed[1]).toMatchObject({ id: 1, result: { content: [{ text: "through" }] } });
      const streamOf = (id: string | undefined): string => (id ?? "").split(":")[0]!;
      expect(resumed.events.every((event) => streamOf(event.id) === streamOf(firstProgress.id))).toBe(true);
      (await gates.started(1)).open();
      await other.ended;
      expect(messagesOf(other).at(-1)).toMatchObject({ id: 2 });
    });

    it("resumes a stream that is still open: the missed events, then the live ones on the new connection", async () => {
      const gates = new GateTools();
      await using server = await startApp({ toolSources: [gates] });
      const session = await initialize(server.url + PATH);
      const dropped = await session.stream(gateCall(7), ACCEPT_BOTH);
      const priming = await dropped.waitFor(() => true);
      await dropped[Symbol.asyncDispose]();
      const resumed = await session.listen({ "last-event-id": priming.id! });
      await resumed.waitFor((event) => event.data !== "");
      (await gates.started(0)).open();
      await resumed.ended;
      const messages = messagesOf(resumed);
      expect(messages.map((message) => message["method"] ?? message["id"])).toEqual(["notifications/progress", "notifications/progress", 7]);
    });

    it("moves a stream to the resuming connection: the old one ends, later events go only to the new one", async () => {
      const gates = new GateTools();
      await using server = await startApp({ toolSources: [gates] });
      const session = await initialize(server.url + PATH);
      const original = await session.stream(gateCall(3), ACCEPT_BOTH);
      const priming = await original.waitFor(() => true);
      await original.waitFor((event) => event.data !== "");
      const resumed = await session.listen({ "last-event-id": priming.id! });
      await original.ended;
      (await gates.started(0)).open();
      await resumed.ended;
      expect(messagesOf(original).map((message) => message["method"])).toEqual(["notifications/progress"]);
      expect(messagesOf(resumed).map((message) => message["method"] ?? message["id"])).toEqual([
        "notifications/progress",
        "notifications/progress",
        3,
      ]);
      // 2025-11-25: the connection closed before its stream ended says when to come back.
      expect(original.raw().endsWith("retry: 1000\n\n")).toBe(true);
      // The one event both saw is the replay of what the old connection may have lost, same id.
      expect(resumed.events[0]!.id).toBe(original.events[1]!.id);
    });

    it("refuses a Last-Event-ID this session never issued with 400", async () => {
      await using server = await startApp();
      const session = await initialize(server.url + PATH);
      for (const id of ["garbage", "99:1", "1:999999"]) {
        const response = await fetch(server.url + PATH, { headers: session.headers({ accept: "text/event-stream", "last-event-id": id }) });
        expect(response.status).toBe(400);
        expect(await response.json()).toMatchObject({ error: { data: { reason: "invalid_request" } } });
      }
    });
  });

  describe("legacy Streamable HTTP: cancellation", () => {
    it("answers a POST whose request the client cancelled as a request (an event stream with no answer), not with 202", async () => {
      // 2025-03-26 lets one batch carry a call and its cancellation: nothing is owed, but the POST
      // carried a request, and 202 is only for notifications and responses.
      await using server = await startApp();
      const session = await initialize(server.url + PATH, "2025-03-26");
      const batch = [
        { jsonrpc: "2.0", id: 5, method: "tools/call", params: { name: "progress", arguments: { steps: 20 } } },
        { jsonrpc: "2.0", method: "notifications/cancelled", params: { requestId: 5, reason: "test" } },
      ];
      const stream = await session.stream(batch, ACCEPT_BOTH);
      await stream.ended;
      expect(stream.response.status).toBe(200);
      expect(stream.response.headers.get("content-type")).toMatch(/^text\/event-stream/);
      expectValidEvents(stream);
      expect(messagesOf(stream).some((message) => message["id"] === 5)).toBe(false);
      await session.request(6, "ping");
    });

    it("cancels a running request of the same session only, and sends no answer for it", async () => {
      const gates = new GateTools();
      await using server = await startApp({ toolSources: [gates] });
      const url = server.url + PATH;
      const a = await initialize(url);
      const b = await initialize(url);
      const aCall = await a.stream(gateCall(1), ACCEPT_BOTH);
      const running = await gates.started(0);
      const cancel = { jsonrpc: "2.0", method: "notifications/cancelled", params: { requestId: 1, reason: "test" } };
      expect((await b.post(cancel)).status).toBe(202);
      expect(running.signal.aborted).toBe(false);
      expect((await a.post(cancel)).status).toBe(202);
      expect(running.signal.aborted).toBe(true);
      await aCall.ended;
      expect(messagesOf(aCall).some((message) => message["id"] === 1)).toBe(false);
      await a.request(2, "ping");
    });
  });
});
