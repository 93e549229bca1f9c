import { describe, expect, it } from "vitest";
import type { CallToolResult } from "@mcp-contract/api-types";
import { connect, JsonRpcError, McpSession, ModernTransport } from "@mcp-contract/client";
import { startServer } from "@mcp-contract/test-helpers";
import type { McpEras } from "../../src/config/server-config.js";
import { createApp } from "../../src/index.js";

const API_KEY = "spice-key";
const textOf = (result: CallToolResult): string | undefined => {
  const first = result.content[0];
  return first?.type === "text" ? first.text : undefined;
};

async function startReference(eras: McpEras = "both") {
  const app = createApp({ config: { apiKeys: [API_KEY], eras }, log: () => undefined });
  const server = await startServer(app.server);
  return {
    mcpUrl: `${server.url}/mcp`,
    [Symbol.asyncDispose]: async () => {
      await Promise.all([app.close(), server.close()]);
    },
  };
}

describe("@mcp-contract/client against the reference server's /mcp", () => {
  it("connects to the dual-era /mcp in its modern era, from its server/discover answer", async () => {
    await using server = await startReference();
    await using session = await connect(server.mcpUrl, { apiKey: API_KEY });
    expect(session.transport.name).toBe("streamable-http-modern");
    expect(session.info).toMatchObject({ era: "modern", protocolVersion: "2026-07-28", serverInfo: { name: "mcp-contract-reference-server" } });
    expect(session.info.discoverResult?.supportedVersions).toEqual(expect.arrayContaining(["2026-07-28", "2025-11-25"]));
    const tools = await session.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(expect.arrayContaining(["echo", "add", "progress"]));
    expect(textOf(await session.callTool("echo", { text: "modern /mcp" }))).toBe("modern /mcp");
    const steps: number[] = [];
    await session.callTool("progress", { steps: 3 }, { onProgress: (p) => steps.push(p.progress) });
    expect(steps).toEqual([1, 2, 3]);
    // 2026-07-28: arguments that break the inputSchema are a tool execution error, not -32602.
    expect(await session.callTool("echo", { text: 42 })).toMatchObject({ isError: true, content: [{ type: "text", text: expect.stringContaining("/text must be string") }] });
  });

  it("speaks the dual-era /mcp's legacy era when told to, and the legacy-only /mcp after detection", async () => {
    await using dual = await startReference();
    await using forced = await connect(dual.mcpUrl, { apiKey: API_KEY, transport: "streamable-http-stateful" });
    expect(forced.info).toMatchObject({ era: "legacy", protocolVersion: "2025-11-25" });
    expect(textOf(await forced.callTool("echo", { text: "legacy era" }))).toBe("legacy era");
    await using legacyOnly = await startReference("legacy");
    await using detected = await connect(legacyOnly.mcpUrl, { apiKey: API_KEY });
    expect(detected.transport.name).toBe("streamable-http-stateful");
    expect(detected.info.detection?.trace.map((step) => step.name)).toEqual(["modern-discover", "initialize"]);
  });

  it("gets the modern-only /mcp's wire errors as JsonRpcError with their HTTP status", async () => {
    await using server = await startReference("modern");
    await using session = await connect(server.mcpUrl, { apiKey: API_KEY });
    expect(session.transport.name).toBe("streamable-http-modern");
    await expect(session.ping()).rejects.toMatchObject({ name: "JsonRpcError", code: -32601, httpStatus: 404 });
    await using future = new ModernTransport(server.mcpUrl, { apiKey: API_KEY, protocolVersion: "2099-01-01" });
    const error = await future.discover().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JsonRpcError);
    expect(error).toMatchObject({ code: -32022, httpStatus: 400, data: { supported: ["2026-07-28"], requested: "2099-01-01" } });
  });

  it("sends a name that is not header-safe as =?base64?…?=, which /mcp decodes (and so finds no such tool)", async () => {
    await using server = await startReference("modern");
    await using session = new McpSession(new ModernTransport(server.mcpUrl, { apiKey: API_KEY }));
    // Had the header not matched the body, this would be 400 -32020; an unknown tool is -32602 in a 200.
    const error = await session.callTool("grüße", {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "JsonRpcError", httpStatus: undefined });
    expect((error as JsonRpcError).code).not.toBe(-32020);
  });
});
