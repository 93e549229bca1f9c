import { once } from "node:events";
import { describe, expect, it } from "vitest";
import type { CallToolResult } from "@mcp-contract/api-types";
import { McpSession, StatefulTransport } from "../../src/index.js";
import { startCuttingServer } from "../fixtures/peers/cutting-server.js";
import { nextEvent } from "../fixtures/next-event.js";
import { OrderedEventStore } from "../fixtures/peers/ordered-event-store.js";
import { startSdkV1Stateful, startSdkV1Stateless } from "../fixtures/peers/sdk-v1-streamable.js";

const textOf = (result: CallToolResult): string | undefined => {
  const first = result.content[0];
  return first?.type === "text" ? first.text : undefined;
};

describe("StatefulTransport against the SDK v1 StreamableHTTPServerTransport", () => {
  it("initialises a session, then sends its Mcp-Session-Id and MCP-Protocol-Version on every later request", async () => {
    await using peer = await startSdkV1Stateful();
    const transport = new StatefulTransport(peer.mcpUrl, { getStream: false });
    await using session = new McpSession(transport);
    const init = await transport.open();
    expect(init).toMatchObject({ protocolVersion: "2025-11-25", serverInfo: { name: "sdk-v1-peer" } });
    expect(transport.sessionId).toBe(peer.openSessions()[0]);
    const tools = await session.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(expect.arrayContaining(["echo", "count", "slow", "cut-then-answer"]));
    expect(textOf(await session.callTool("echo", { text: "hi" }))).toBe("hi");
    const [initialize, ...later] = peer.requests;
    expect(initialize).toEqual({ method: "POST", sessionId: undefined, protocolVersion: undefined, lastEventId: undefined });
    expect(later.length).toBe(3); // notifications/initialized, tools/list, tools/call
    for (const request of later) expect(request).toMatchObject({ sessionId: transport.sessionId, protocolVersion: "2025-11-25" });
  });

  it("ends the session with DELETE on close", async () => {
    await using peer = await startSdkV1Stateful();
    const transport = new StatefulTransport(peer.mcpUrl, { getStream: false });
    await transport.open();
    expect(peer.openSessions()).toHaveLength(1);
    await transport.close();
    expect(peer.requests.at(-1)).toMatchObject({ method: "DELETE", sessionId: transport.sessionId });
    expect(peer.openSessions()).toEqual([]);
  });

  it("initialises again when the server answers 404 for a session it ended, and the request still succeeds", async () => {
    await using peer = await startSdkV1Stateful();
    const transport = new StatefulTransport(peer.mcpUrl, { getStream: false });
    await using session = new McpSession(transport);
    await transport.open();
    const first = transport.sessionId;
    await peer.closeSessions();
    expect(textOf(await session.callTool("echo", { text: "again" }))).toBe("again");
    expect(transport.initializations).toBe(2);
    expect(transport.sessionId).not.toBe(first);
    expect(peer.openSessions()).toEqual([transport.sessionId]);
  });

  it("receives what the server sends on its own on the GET stream", async () => {
    await using peer = await startSdkV1Stateful();
    const transport = new StatefulTransport(peer.mcpUrl);
    await using session = new McpSession(transport);
    await transport.open();
    await expect.poll(() => peer.requests.some((request) => request.method === "GET"), { timeout: 5_000 }).toBe(true);
    // The GET is registered once the server has answered it; a list_changed before that is kept nowhere.
    const listChanged = nextEvent(session, "notification");
    await expect
      .poll(async () => {
        await peer.servers[0]?.server.sendToolListChanged();
        return (await Promise.race([listChanged, Promise.resolve(undefined)]))?.method;
      }, { timeout: 5_000 })
      .toBe("notifications/tools/list_changed");
  });

  it("answers the server's ping on the GET stream by itself", async () => {
    await using peer = await startSdkV1Stateful();
    const transport = new StatefulTransport(peer.mcpUrl);
    await using session = new McpSession(transport);
    await transport.open();
    await expect.poll(() => peer.requests.some((request) => request.method === "GET"), { timeout: 5_000 }).toBe(true);
    // The GET is registered once the server has answered it; a ping before that is sent nowhere.
    await expect
      .poll(() => peer.servers[0]?.server.ping().then(() => "answered", () => "unanswered"), { timeout: 5_000 })
      .toBe("answered");
    expect(session.pendingCount).toBe(0);
  });

  it("resumes a POST stream cut between its priming event and the answer: the answer arrives, the tool ran once", async () => {
    await using peer = await startSdkV1Stateful({ eventStore: new OrderedEventStore(), retryInterval: 20 });
    const transport = new StatefulTransport(peer.mcpUrl, { getStream: false });
    await using session = new McpSession(transport);
    await transport.open();
    const cut = once(peer.events, "stream-cut");
    const result = await session.callTool("cut-then-answer", { text: "kept" });
    expect(await cut).toEqual([true]);
    expect(textOf(result)).toBe("after the cut: kept");
    expect(peer.calls.get("cut-then-answer")).toBe(1);
    const resume = peer.requests.find((request) => request.method === "GET");
    expect(resume).toMatchObject({ sessionId: transport.sessionId, lastEventId: expect.stringMatching(/\S/) });
  });

  it("fails a request whose stream ends without its answer and without an event id: stream-closed, not a hang", async () => {
    await using peer = await startCuttingServer();
    const transport = new StatefulTransport(peer.mcpUrl, { getStream: false });
    await using session = new McpSession(transport);
    await transport.open();
    const progress: number[] = [];
    const error = await session.callTool("anything", {}, { onProgress: (p) => progress.push(p.progress) }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "McpTransportError", kind: "stream-closed" });
    expect((error as Error).message).toMatch(/ended without a JSON-RPC response/);
    expect(progress).toEqual([1]);
  });

  it("tells the server with notifications/cancelled when a call is given up", async () => {
    await using peer = await startSdkV1Stateful();
    const transport = new StatefulTransport(peer.mcpUrl, { getStream: false });
    await using session = new McpSession(transport);
    await transport.open();
    const started = once(peer.events, "slow-started");
    const aborted = once(peer.events, "slow-aborted");
    const controller = new AbortController();
    const call = session.callTool("slow", undefined, { signal: controller.signal });
    await started;
    controller.abort();
    await expect(call).rejects.toMatchObject({ kind: "aborted" });
    await aborted;
  });

  it("works with the stateless mode: no session id, no DELETE, the GET's 405 is fine", async () => {
    await using peer = await startSdkV1Stateless();
    const transport = new StatefulTransport(peer.mcpUrl);
    await using session = new McpSession(transport);
    await transport.open();
    expect(transport.sessionId).toBeUndefined();
    expect(textOf(await session.callTool("echo", { text: "stateless" }))).toBe("stateless");
    await session.close();
    expect(peer.requests.map((request) => request.method)).not.toContain("DELETE");
  });
});
