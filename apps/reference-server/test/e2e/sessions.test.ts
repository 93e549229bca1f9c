import { get } from "node:http";
import { openSseStream } from "@mcp-contract/test-helpers";
import { describe, expect, it } from "vitest";
import { CELONIS_BUILTIN, SSE_DIALECTS, expectSpec, openSession, post, sessionClosed, startApp } from "./harness.js";

/** Reads a stream with node:http until `text` appears; resolves with everything read (bounded). */
function readUntil(url: string, text: string, timeoutMs = 5_000): Promise<{ raw: string; ended: boolean }> {
  return new Promise((resolve, reject) => {
    let raw = "";
    const request = get(url, (response) => {
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        raw += chunk;
        if (raw.includes(text)) finish(false);
      });
      response.on("end", () => finish(true));
    });
    const timer = setTimeout(() => {
      request.destroy();
      reject(new Error(`'${text}' not seen in ${timeoutMs} ms; got:\n${raw}`));
    }, timeoutMs);
    request.on("error", () => {});
    function finish(ended: boolean): void {
      clearTimeout(timer);
      request.destroy();
      resolve({ raw, ended });
    }
  });
}

describe("SSE session streams", () => {
  const dialects = [
    ...SSE_DIALECTS.map((d) => ({ name: d.name, path: d.streamPath, prefix: d.endpointPrefix })),
    { name: "Celonis", path: CELONIS_BUILTIN, prefix: "?sessionId=" },
  ];

  it.each(dialects)("opens a $name stream: 200, text/event-stream, no-cache, endpoint event first", async ({ path, prefix }) => {
    await using server = await startApp();
    await using stream = await openSseStream(server.url + path);
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get("content-type")).toBe("text/event-stream");
    expect(stream.response.headers.get("cache-control")).toBe("no-cache");
    const endpoint = await stream.waitFor((event) => event.event === "endpoint");
    expect(stream.events[0]).toBe(endpoint);
    expectSpec("session", "SseEndpointEvent", { event: endpoint.event, data: endpoint.data });
    expect(endpoint.data.startsWith(prefix)).toBe(true);
    // 128 bits, base64url: 22 characters.
    expect(endpoint.data.slice(prefix.length)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(server.app.sessions.size).toBe(1);
  });

  it("gives every session its own unguessable id", async () => {
    await using server = await startApp();
    const ids = new Set<string>();
    for (let i = 0; i < 5; i += 1) {
      await using session = await openSession(server.url, SSE_DIALECTS[0]!);
      ids.add(session.sessionId);
    }
    expect(ids.size).toBe(5);
  });

  it("writes a keep-alive comment at the configured interval", async () => {
    await using server = await startApp({ config: { keepAliveMs: 30 } });
    const { raw } = await readUntil(`${server.url}/v1/mcp/sse`, ": keep-alive\n\n");
    expect(raw.indexOf("event: endpoint")).toBe(0);
    expect(raw).toMatch(/event: endpoint\ndata: \S+\n\n(: keep-alive\n\n)+$/);
  });

  it("ends a Celonis stream after its configured lifetime and forgets the session", async () => {
    await using server = await startApp({ config: { celonisStreamMs: 100 } });
    const { raw, ended } = await readUntil(`${server.url}${CELONIS_BUILTIN}`, "no such text");
    expect(ended).toBe(true);
    expect(raw.startsWith("event: endpoint\ndata: ?sessionId=")).toBe(true);
    expect(server.app.sessions.size).toBe(0);
  });

  it("keeps Spice and OpenSearch streams open past the Celonis lifetime", async () => {
    await using server = await startApp({ config: { celonisStreamMs: 50, keepAliveMs: 200 } });
    const { ended } = await readUntil(`${server.url}/v1/mcp/sse`, ": keep-alive");
    expect(ended).toBe(false);
  });

  it.each(SSE_DIALECTS)("$name: forgets a session when its client disconnects; later POSTs get 404", async (dialect) => {
    await using server = await startApp();
    const session = await openSession(server.url, dialect);
    expect((await session.request(1, "ping")).result).toEqual({});
    const closed = sessionClosed(server.app, session.sessionId);
    session.stream.close();
    await closed;
    const response = await post(session.postUrl, { jsonrpc: "2.0", id: 2, method: "ping" });
    expect(response.status).toBe(404);
    expectSpec("message", "TransportError", response.json());
    expect(response.json()).toMatchObject({ error: { code: -32000, data: { reason: "unknown_session" } } });
    expect(server.app.sessions.size).toBe(0);
  });

  it("close() ends every stream cleanly and resolves once the server is closed", async () => {
    await using server = await startApp();
    const ends = [0, 1, 2].map(
      () =>
        new Promise<string>((resolve) => {
          get(`${server.url}/v1/mcp/sse`, (response) => {
            response.on("data", () => {});
            response.on("end", () => resolve("end"));
            response.on("aborted", () => resolve("aborted"));
          }).on("error", () => resolve("error"));
        }),
    );
    await new Promise<void>((resolve) => {
      const check = (): void => (server.app.sessions.size === 3 ? resolve() : void server.app.sessions.once("open", check));
      check();
    });
    await server.app.close();
    expect(await Promise.all(ends)).toEqual(["end", "end", "end"]);
    expect(server.app.server.listening).toBe(false);
    expect(server.app.sessions.size).toBe(0);
  });
});
