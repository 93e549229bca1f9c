import { describe, expect, it } from "vitest";
import type { CallToolResult } from "@mcp-contract/api-types";
import { startServer } from "@mcp-contract/test-helpers";
import { connect, McpTransportError } from "../../src/index.js";
import { startSdkSseServer } from "../fixtures/sdk-sse-server.js";
import { startSdkV1Stateful, startSdkV1Stateless } from "../fixtures/peers/sdk-v1-streamable.js";
import { startSdkV2 } from "../fixtures/peers/sdk-v2.js";
import { startFastMcp } from "../fixtures/peers/fastmcp-peer.js";
import { startUnknownServer } from "../fixtures/peers/unknown-servers.js";

const textOf = (result: CallToolResult): string | undefined => {
  const first = result.content[0];
  return first?.type === "text" ? first.text : undefined;
};

describe("connect: one session whatever the transport", () => {
  it("finds the SDK v2 modern-only server modern, uses its discover answer, and calls tools", async () => {
    await using peer = await startSdkV2("modern-only");
    await using session = await connect(peer.mcpUrl);
    expect(session.transport.name).toBe("streamable-http-modern");
    expect(session.info).toMatchObject({ era: "modern", protocolVersion: "2026-07-28", serverInfo: { name: "sdk-v2-peer" } });
    expect(session.info.discoverResult?.supportedVersions).toContain("2026-07-28");
    expect(session.info.detection?.trace.map((step) => step.name)).toEqual(["modern-discover"]);
    expect(textOf(await session.callTool("echo", { text: "modern" }))).toBe("modern");
  });

  it("prefers the modern era on the SDK v2 dual-era server, and speaks its legacy side when forced", async () => {
    await using peer = await startSdkV2("dual-era");
    await using modern = await connect(peer.mcpUrl);
    expect(modern.transport.name).toBe("streamable-http-modern");
    await using legacy = await connect(peer.mcpUrl, { transport: "streamable-http-stateful" });
    expect(legacy.info).toMatchObject({ era: "legacy", protocolVersion: "2025-11-25", detection: undefined });
    expect(textOf(await legacy.callTool("echo", { text: "legacy side" }))).toBe("legacy side");
  });

  it("falls back to a 2025 session on the SDK v1 stateful server, taking over detection's one initialize", async () => {
    await using peer = await startSdkV1Stateful();
    const session = await connect(peer.mcpUrl, { getStream: false });
    expect(session.transport.name).toBe("streamable-http-stateful");
    expect(session.info).toMatchObject({ era: "legacy", protocolVersion: "2025-11-25", serverInfo: { name: "sdk-v1-peer" } });
    expect(peer.servers).toHaveLength(1); // one initialize: one McpServer
    expect(textOf(await session.callTool("echo", { text: "stateful" }))).toBe("stateful");
    await session.close();
    expect(peer.openSessions()).toEqual([]);
  });

  it("falls back to a stateless 2025 server (SDK v1 without sessions)", async () => {
    await using peer = await startSdkV1Stateless();
    await using session = await connect(peer.mcpUrl);
    expect(session.info.era).toBe("legacy");
    expect(session.transport.name).toBe("streamable-http-stateful");
    expect(textOf(await session.callTool("echo", { text: "stateless" }))).toBe("stateless");
  });

  it("falls back twice to the SDK's HTTP+SSE server and calls tools over it", async () => {
    await using peer = await startSdkSseServer();
    await using session = await connect(peer.sseUrl);
    expect(session.transport.name).toBe("http+sse");
    expect(session.info.detection?.trace.map((step) => step.name)).toEqual(["modern-discover", "initialize", "sse-endpoint"]);
    expect(textOf(await session.callTool("echo", { text: "sse" }))).toBe("sse");
  });

  it("refuses subscriptions/listen on a legacy session with a clear error", async () => {
    await using peer = await startSdkV1Stateless();
    await using session = await connect(peer.mcpUrl);
    await expect(session.listen({ toolsListChanged: true })).rejects.toThrow(/2026-07-28 method/);
  });

  it("names every step and its status when the server answers in no known way", async () => {
    await using peer = await startUnknownServer("html-404");
    const error = await connect(`${peer.url}/mcp`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(McpTransportError);
    expect(error).toMatchObject({ kind: "unrecognised-server" });
    const message = (error as Error).message;
    expect(message).toContain("1. POST server/discover → 404 text/html");
    expect(message).toContain("2. POST initialize → 404 text/html");
    expect(message).toContain("3. GET → 404 text/html");
    expect((error as McpTransportError).trace).toHaveLength(3);
  });

  it.each(["never-answers", "stalls-after-headers"] as const)("does not hang on a server that %s: one bounded step, a timeout error", async (kind) => {
    await using peer = await startUnknownServer(kind);
    const started = performance.now();
    const error = await connect(`${peer.url}/mcp`, { detectTimeoutMs: 200 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "McpTransportError", kind: "timeout" });
    expect((error as Error).message).toMatch(/did not finish answering in time.*no complete answer within 200 ms/);
    expect(peer.requests).toEqual(["POST"]);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("reports a refused port as a network error after one step", async () => {
    const server = await startServer((_req, res) => res.end(), { wireContract: false /* closed at once; never answers */ });
    const url = `${server.url}/mcp`;
    await server.close();
    const error = await connect(url).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "McpTransportError", kind: "network" });
    expect((error as McpTransportError).trace).toHaveLength(1);
  });
});

describe("connect against fastmcp's httpStream", () => {
  for (const mode of ["stateful", "stateless"] as const) {
    it(`detects the ${mode} fastmcp server's era, lists and calls its tool`, async () => {
      await using peer = await startFastMcp(mode);
      await using session = await connect(peer.mcpUrl);
      expect(session.transport.name).toBe("streamable-http-stateful");
      expect(session.info.detection?.summary).toMatch(new RegExp(`is a ${mode} Streamable HTTP server \\(2025-11-25\\)`));
      expect((await session.listTools()).map((tool) => tool.name)).toEqual(["echo"]);
      expect(textOf(await session.callTool("echo", { text: `fastmcp ${mode}` }))).toBe(`fastmcp ${mode}`);
      expect(peer.calls.get("echo")).toBe(1);
    });
  }
});
