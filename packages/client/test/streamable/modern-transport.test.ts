import { once } from "node:events";
import { describe, expect, it } from "vitest";
import type { CallToolResult } from "@mcp-contract/api-types";
import { JsonRpcError, McpSession, McpTransportError, ModernTransport } from "../../src/index.js";
import { startSdkV2 } from "../fixtures/peers/sdk-v2.js";

const textOf = (result: CallToolResult): string | undefined => {
  const first = result.content[0];
  return first?.type === "text" ? first.text : undefined;
};

/** A fetch that records every request's method, headers and body, then sends it on. */
function observedFetch(): { fetch: (request: Request) => Promise<Response>; seen: { headers: Headers; body: unknown }[] } {
  const seen: { headers: Headers; body: unknown }[] = [];
  return {
    seen,
    fetch: async (request) => {
      const text = await request.clone().text();
      seen.push({ headers: new Headers(request.headers), body: text === "" ? undefined : JSON.parse(text) });
      return globalThis.fetch(request);
    },
  };
}

describe("ModernTransport against the SDK v2 server (2026-07-28)", () => {
  for (const responseMode of ["json", "sse"] as const) {
    it(`discovers, lists and calls tools with ${responseMode} answers, every POST carrying the headers and _meta`, async () => {
      await using peer = await startSdkV2("modern-only", { responseMode });
      const observed = observedFetch();
      const transport = new ModernTransport(peer.mcpUrl, { fetch: observed.fetch, clientInfo: { name: "modern-test", version: "1.2.3" } });
      await using session = new McpSession(transport);
      const discovered = await transport.discover();
      expect(discovered.supportedVersions).toContain("2026-07-28");
      const tools = await session.listTools();
      expect(tools.map((tool) => tool.name)).toEqual(expect.arrayContaining(["echo", "count", "grüße", "regional"]));
      expect(textOf(await session.callTool("echo", { text: "hi" }))).toBe("hi");
      for (const { headers, body } of observed.seen) {
        const { method, params } = body as { method: string; params: { _meta: Record<string, unknown> } };
        expect(headers.get("mcp-protocol-version")).toBe("2026-07-28");
        expect(headers.get("mcp-method")).toBe(method);
        expect(headers.get("accept")).toBe("application/json, text/event-stream");
        expect(params._meta).toMatchObject({
          "io.modelcontextprotocol/protocolVersion": "2026-07-28",
          "io.modelcontextprotocol/clientCapabilities": {},
          "io.modelcontextprotocol/clientInfo": { name: "modern-test", version: "1.2.3" },
        });
      }
      expect(observed.seen.at(-1)?.headers.get("mcp-name")).toBe("echo");
    });
  }

  it("sends a name that is not header-safe in the Base64 sentinel form, which the server decodes and accepts", async () => {
    await using peer = await startSdkV2("modern-only");
    const observed = observedFetch();
    await using session = new McpSession(new ModernTransport(peer.mcpUrl, { fetch: observed.fetch }));
    expect(textOf(await session.callTool("grüße", { who: "Welt" }))).toBe("grüß dich, Welt");
    expect(observed.seen.at(-1)?.headers.get("mcp-name")).toBe(`=?base64?${Buffer.from("grüße").toString("base64")}?=`);
    expect(peer.calls.get("grüße")).toBe(1);
  });

  it("mirrors x-mcp-header parameters into Mcp-Param-* and leaves a badly annotated tool out of tools/list", async () => {
    await using peer = await startSdkV2("modern-only");
    const observed = observedFetch();
    const transport = new ModernTransport(peer.mcpUrl, { fetch: observed.fetch });
    await using session = new McpSession(transport);
    const rejected: string[] = [];
    session.on("malformed", ({ reason }) => rejected.push(reason));
    const tools = await session.listTools();
    expect(tools.map((tool) => tool.name)).not.toContain("badly-annotated");
    expect(rejected).toEqual([expect.stringMatching(/^tool 'badly-annotated' left out of tools\/list: x-mcp-header at level is on a number parameter/)]);
    expect(textOf(await session.callTool("regional", { region: "us-west1", query: "q" }))).toBe("us-west1: q");
    expect(observed.seen.at(-1)?.headers.get("mcp-param-region")).toBe("us-west1");
  });

  it("without the Mcp-Param header (tools never listed) the server refuses the call with -32020, a wire error", async () => {
    await using peer = await startSdkV2("modern-only");
    await using session = new McpSession(new ModernTransport(peer.mcpUrl));
    const error = await session.callTool("regional", { region: "us-west1", query: "q" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JsonRpcError);
    expect(error).toMatchObject({ code: -32020, httpStatus: 400 });
    expect(peer.calls.get("regional")).toBeUndefined();
  });

  it("reports an unsupported revision as the server's -32022 with the versions it supports", async () => {
    await using peer = await startSdkV2("modern-only");
    await using transport = new ModernTransport(peer.mcpUrl, { protocolVersion: "2099-01-01" });
    const error = await transport.discover().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JsonRpcError);
    expect(error).toMatchObject({ code: -32022, httpStatus: 400, data: { supported: expect.arrayContaining(["2026-07-28"]) } });
  });

  it("answers a removed method (ping) with the server's 404 -32601", async () => {
    await using peer = await startSdkV2("modern-only");
    await using session = new McpSession(new ModernTransport(peer.mcpUrl));
    await expect(session.ping()).rejects.toMatchObject({ name: "JsonRpcError", code: -32601, httpStatus: 404 });
  });

  it("routes notifications/progress from the request's SSE stream to onProgress", async () => {
    await using peer = await startSdkV2("modern-only", { responseMode: "sse" });
    await using session = new McpSession(new ModernTransport(peer.mcpUrl));
    const progress: number[] = [];
    const result = await session.callTool("count", { to: 3 }, { onProgress: (p) => progress.push(p.progress) });
    expect(textOf(result)).toBe("counted to 3");
    expect(progress).toEqual([1, 2, 3]);
  });

  it("cancels a call by closing its stream: the tool's signal fires and the call rejects as aborted", async () => {
    await using peer = await startSdkV2("modern-only", { responseMode: "sse" });
    await using session = new McpSession(new ModernTransport(peer.mcpUrl));
    const controller = new AbortController();
    const started = once(peer.events, "slow-started");
    const call = session.callTool("slow", undefined, { signal: controller.signal });
    await started;
    const aborted = once(peer.events, "slow-aborted");
    controller.abort();
    await expect(call).rejects.toMatchObject({ name: "McpTransportError", kind: "aborted" });
    await aborted;
    expect(session.pendingCount).toBe(0);
  });

  it("opens subscriptions/listen, is acknowledged, and receives tools/list_changed stamped with its id", async () => {
    await using peer = await startSdkV2("modern-only");
    const transport = new ModernTransport(peer.mcpUrl);
    await using subscription = await transport.listen({ toolsListChanged: true });
    expect(subscription.acknowledged).toEqual({ toolsListChanged: true });
    const changed = new Promise((resolve) => subscription.once("notification", resolve));
    peer.notifyToolsChanged();
    expect(await changed).toMatchObject({
      method: "notifications/tools/list_changed",
      params: { _meta: { "io.modelcontextprotocol/subscriptionId": subscription.id } },
    });
    await subscription.close();
    expect(await subscription.ended).toMatchObject({ kind: "stream-closed" });
    await transport.close();
  });

  it("refuses to POST a response, which 2026-07-28 clients must not send", async () => {
    await using peer = await startSdkV2("modern-only");
    await using transport = new ModernTransport(peer.mcpUrl);
    await expect(transport.send({ jsonrpc: "2.0", id: 1, result: {} })).rejects.toThrow(TypeError);
  });

  it("rejects pending calls with stream-closed when closed, and refuses new ones", async () => {
    await using peer = await startSdkV2("modern-only", { responseMode: "sse" });
    const session = new McpSession(new ModernTransport(peer.mcpUrl));
    const started = once(peer.events, "slow-started");
    const call = session.callTool("slow");
    await started;
    await session.close();
    await expect(call).rejects.toMatchObject({ kind: "stream-closed" });
    await expect(session.callTool("echo", { text: "x" })).rejects.toBeInstanceOf(McpTransportError);
  });
});
