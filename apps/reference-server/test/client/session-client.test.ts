import type { CallToolResult } from "@mcp-contract/api-types";
import { CELONIS_PREFIX, createApp, OPENSEARCH_STREAM_PATH, SPICE_PATH } from "../../src/index.js";
import { startServer } from "@mcp-contract/test-helpers";
import { describe, expect, it } from "vitest";
import { JsonRpcError, McpTransportError, openSession, type SessionOptions } from "@mcp-contract/client";
import { nextEvent } from "./fixtures/next-event.js";

const API_KEY = "spice-key";
const BEARER = "celonis-jwt";

const dialects: [string, { path: string; options: SessionOptions; postPath: RegExp }][] = [
  ["Spice", { path: SPICE_PATH, options: { apiKey: API_KEY }, postPath: /^\/v1\/mcp\/sse\?sessionId=/ }],
  ["OpenSearch, data resolved as a URL", { path: OPENSEARCH_STREAM_PATH, options: { apiKey: API_KEY }, postPath: /^\/sse\/message\?sessionId=/ }],
  ["OpenSearch, append-to-base", {
    path: OPENSEARCH_STREAM_PATH,
    options: { apiKey: API_KEY, endpointResolution: "append-to-base" },
    postPath: /^\/_plugins\/_ml\/mcp\/sse\/message\?sessionId=/,
  }],
  ["OpenSearch, append_to_base_url=true", {
    path: `${OPENSEARCH_STREAM_PATH}?append_to_base_url=true`,
    options: { apiKey: API_KEY },
    postPath: /^\/_plugins\/_ml\/mcp\/sse\/message\?sessionId=/,
  }],
  ["Celonis", { path: `${CELONIS_PREFIX}builtin`, options: { bearer: BEARER }, postPath: /^\/studio-copilot\/api\/v1\/mcp-servers\/mcp\/builtin\?sessionId=/ }],
];

const textOf = (result: CallToolResult): string | undefined => {
  const first = result.content[0];
  return first?.type === "text" ? first.text : undefined;
};

async function startReference() {
  const app = createApp({
    // pageSize 2 makes listTools follow nextCursor across pages.
    config: { apiKeys: [API_KEY], bearerTokens: [BEARER], pageSize: 2 },
    log: () => undefined,
  });
  const server = await startServer(app.server);
  return {
    url: server.url,
    app,
    // Both at once: app.close() ends the streams, server.close() cuts idle keep-alive sockets.
    [Symbol.asyncDispose]: async () => {
      await Promise.all([app.close(), server.close()]);
    },
  };
}

describe("the session client against the reference server", () => {
  it.each(dialects)("%s: initialize, list tools, call tools, progress, errors", async (_name, dialect) => {
    await using server = await startReference();
    await using session = await openSession(server.url + dialect.path, dialect.options);
    expect(session.endpoint.pathname + session.endpoint.search).toMatch(dialect.postPath);
    const init = await session.initialize();
    expect(init.protocolVersion).toBe("2025-06-18");
    const tools = await session.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(["echo", "add", "fail", "progress", "image", "throw"]);
    const texts = Array.from({ length: 10 }, (_, i) => `hello ${i}`);
    const echoes = await Promise.all(texts.map((text) => session.callTool("echo", { text })));
    expect(echoes.map(textOf)).toEqual(texts);
    const steps: number[] = [];
    await session.callTool("progress", { steps: 3 }, { onProgress: (progress) => steps.push(progress.progress) });
    expect(steps).toEqual([1, 2, 3]);
    expect(await session.callTool("fail", {})).toMatchObject({ isError: true });
    const invalid = await session.callTool("echo", { text: 42 }).catch((caught: unknown) => caught);
    expect(invalid).toBeInstanceOf(JsonRpcError);
    expect(invalid).toMatchObject({ code: -32602 });
  });

  it.each(dialects)("%s: refuses missing credentials with an http-status error", async (_name, dialect) => {
    await using server = await startReference();
    const error = await openSession(server.url + dialect.path).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(McpTransportError);
    expect(error).toMatchObject({ kind: "http-status", status: 401 });
  });

  it("rejects with stream-closed when the server ends the session, then with 404 unknown_session", async () => {
    await using server = await startReference();
    await using session = await openSession(server.url + SPICE_PATH, { apiKey: API_KEY });
    await session.initialize();
    const ended = nextEvent(session, "end");
    server.app.sessions.closeAll();
    expect(await ended).toMatchObject({ kind: "stream-closed" });
    const error = await session.ping().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: "http-status", status: 404, reason: "unknown_session" });
  });
});
