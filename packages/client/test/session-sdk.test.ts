import { once } from "node:events";
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import type { CallToolResult } from "@mcp-contract/api-types";
import { JsonRpcError, McpTransportError, openSession } from "../src/index.js";
import { nextEvent } from "./fixtures/next-event.js";
import { startSdkSseServer } from "./fixtures/sdk-sse-server.js";

const textOf = (result: CallToolResult): string | undefined => {
  const first = result.content[0];
  return first?.type === "text" ? first.text : undefined;
};

describe("McpSseSession against the MCP SDK's SSEServerTransport", () => {
  it("initializes, lists tools and calls echo", async () => {
    await using server = await startSdkSseServer();
    await using session = await openSession(server.sseUrl);
    const init = await session.initialize({ name: "client-test", version: "1.0.0" });
    expect(init).toMatchObject({ protocolVersion: "2025-06-18", serverInfo: { name: "sdk-fixture" } });
    expect(session.initializeResult).toEqual(init);
    const tools = await session.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(["count", "echo", "slow"]);
    expect(tools.find((tool) => tool.name === "echo")?.inputSchema).toMatchObject({ type: "object", required: ["text"] });
    expect(textOf(await session.callTool("echo", { text: "hello" }))).toBe("hello");
  });

  it("announces @mcp-contract/client at its package version by default", async () => {
    await using server = await startSdkSseServer();
    await using session = await openSession(server.sseUrl);
    await session.initialize();
    const pkg = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8")) as { name: string; version: string };
    expect(server.servers[0]?.server.getClientVersion()).toEqual({ name: pkg.name, version: pkg.version });
  });

  it("correlates 20 concurrent requests whose answers arrive in reverse order", async () => {
    await using server = await startSdkSseServer();
    await using session = await openSession(server.sseUrl);
    await session.initialize();
    const arrival: unknown[] = [];
    session.on("message", (message) => arrival.push("id" in message ? message.id : undefined));
    const texts = Array.from({ length: 20 }, (_, i) => `text-${i}`);
    const results = await Promise.all(texts.map((text, i) => session.callTool("echo", { text, delayMs: (20 - i) * 10 })));
    expect(results.map(textOf)).toEqual(texts);
    const sent = [...arrival].sort((a, b) => Number(a) - Number(b));
    expect(arrival).not.toEqual(sent);
    expect(session.pendingCount).toBe(0);
  });

  it("routes notifications/progress to onProgress", async () => {
    await using server = await startSdkSseServer();
    await using session = await openSession(server.sseUrl);
    await session.initialize();
    const progress: number[] = [];
    const result = await session.callTool("count", { to: 3 }, { onProgress: (p) => progress.push(p.progress) });
    expect(textOf(result)).toBe("counted to 3");
    expect(progress).toEqual([1, 2, 3]);
  });

  it("times out a slow call, tells the server it is cancelled, and the session keeps working", async () => {
    await using server = await startSdkSseServer();
    await using session = await openSession(server.sseUrl);
    await session.initialize();
    const aborted = once(server.events, "slow-aborted", { signal: AbortSignal.timeout(5_000) });
    const error = await session.callTool("slow", {}, { timeoutMs: 100 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(McpTransportError);
    expect(error).toMatchObject({ name: "McpTransportError", kind: "timeout", message: expect.stringMatching(/tools\/call .* 100 ms/) });
    await aborted;
    expect(textOf(await session.callTool("echo", { text: "still here" }))).toBe("still here");
  });

  it("rejects with aborted when the caller's signal fires", async () => {
    await using server = await startSdkSseServer();
    await using session = await openSession(server.sseUrl);
    await session.initialize();
    const controller = new AbortController();
    const call = session.callTool("slow", {}, { signal: controller.signal });
    controller.abort(new Error("user left"));
    await expect(call).rejects.toMatchObject({ kind: "aborted", cause: new Error("user left") });
  });

  it("rejects an unknown tool with a JsonRpcError", async () => {
    await using server = await startSdkSseServer();
    await using session = await openSession(server.sseUrl);
    await session.initialize();
    const error = await session.request("no/such/method").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(JsonRpcError);
    expect(error).toMatchObject({ code: -32601 });
  });

  it("surfaces server notifications and answers a server's ping", async () => {
    await using server = await startSdkSseServer();
    await using session = await openSession(server.sseUrl);
    await session.initialize();
    const sdk = server.servers[0]!;
    const log = nextEvent(session, "notification");
    await sdk.sendLoggingMessage({ level: "info", data: "hi" });
    expect(await log).toMatchObject({ method: "notifications/message", params: { level: "info", data: "hi" } });
    let answered: Promise<void> | undefined;
    session.once("request", (request) => {
      answered = session.send({ jsonrpc: "2.0", id: request.id, result: {} });
    });
    await expect(sdk.server.ping()).resolves.toEqual({});
    await expect(answered).resolves.toBeUndefined();
  });

  it("rejects pending requests with stream-closed when the server closes, and later POSTs too", async () => {
    await using server = await startSdkSseServer();
    await using session = await openSession(server.sseUrl);
    await session.initialize();
    const started = once(server.events, "slow-started", { signal: AbortSignal.timeout(5_000) });
    const pending = session.callTool("slow", {});
    const ended = nextEvent(session, "end");
    await started;
    await server.closeSessions();
    await expect(pending).rejects.toMatchObject({ name: "McpTransportError", kind: "stream-closed" });
    expect(await ended).toMatchObject({ kind: "stream-closed" });
    await expect(session.ping()).rejects.toMatchObject({ kind: "http-status", status: 404, reason: "unknown_session" });
  });

  it("close() rejects pending requests with 'session closed' and refuses new ones", async () => {
    await using server = await startSdkSseServer();
    const session = await openSession(server.sseUrl);
    await session.initialize();
    const pending = session.callTool("slow", {});
    await session.close();
    await expect(pending).rejects.toMatchObject({ kind: "stream-closed", message: expect.stringMatching(/^session closed/) });
    await expect(session.ping()).rejects.toMatchObject({ kind: "stream-closed", message: expect.stringMatching(/^session closed/) });
    expect(session.state).toBe("closed");
  });
});
