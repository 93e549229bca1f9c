import { validateAgainst, type CallToolResult } from "@mcp-contract/api-types";
import { describe, expect, it } from "vitest";
import { InvalidToolArgumentsError, type ToolCallContext } from "../../src/tools/tool-source.js";
import { mountRegistry, type MountedRegistry } from "./helpers.js";
import { startSseUpstream, startStreamableUpstream } from "./upstreams.js";

function context(progress: unknown[] = []): ToolCallContext {
  return { signal: AbortSignal.timeout(10_000), reportProgress: (...args) => void progress.push(args) };
}

async function registerAndRefresh(api: MountedRegistry, body: Record<string, unknown>): Promise<string> {
  const created = await api.request("POST", "/v1/mcp-servers", { json: body });
  expect((await api.request("PATCH", `/v1/mcp-servers/${created.body.id}/refresh`)).status).toBe(200);
  return created.body.id as string;
}

describe("registry as a ToolSource", () => {
  it("lists every server's tools namespaced on the SSE dialects, and one server's plainly per asset", async () => {
    await using sse = await startSseUpstream();
    await using streamable = await startStreamableUpstream();
    await using api = await mountRegistry();
    const docs = await registerAndRefresh(api, { server_name: "docs", mcp_server_type: "sse", server_url: sse.url });
    const calc = await registerAndRefresh(api, { server_name: "calc", mcp_server_type: "streamable_http", server_url: streamable.url });
    const source = api.registry.tools;

    const all = await source.listTools({ kind: "all" });
    expect(all.map((tool) => tool.name)).toEqual([
      "docs__echo", "docs__fail", "docs__shout", "docs__count", "docs__noop", "calc__echo", "calc__add", "calc__hang",
    ]);
    for (const tool of all) expect(validateAgainst("message", "Tool", tool)).toEqual({ ok: true });
    expect(all.find((tool) => tool.name === "calc__add")?.outputSchema).toBeDefined();

    const asset = await source.listTools({ kind: "asset", assetId: calc });
    expect(asset.map((tool) => tool.name)).toEqual(["echo", "add", "hang"]);
    expect(await source.hasAsset(docs)).toBe(true);
    expect(await source.hasAsset("mcp_server-00000000-0000-4000-8000-000000000000")).toBe(false);
    expect(await source.listTools({ kind: "asset", assetId: "nope" })).toEqual([]);
  });

  it("proxies calls to the right upstream and rejects bad arguments naming the field", async () => {
    await using sse = await startSseUpstream();
    await using streamable = await startStreamableUpstream();
    await using api = await mountRegistry();
    await registerAndRefresh(api, { server_name: "docs", mcp_server_type: "sse", server_url: sse.url });
    const calc = await registerAndRefresh(api, { server_name: "calc", mcp_server_type: "streamable_http", server_url: streamable.url });
    const source = api.registry.tools;
    const all = { kind: "all" } as const;

    const echoed = await source.callTool(all, "docs__echo", { message: "hi" }, context());
    expect(echoed).toMatchObject({ content: [{ type: "text", text: "Echo: hi" }] });
    expect(validateAgainst("message", "CallToolResult", echoed)).toEqual({ ok: true });
    const summed = await source.callTool({ kind: "asset", assetId: calc }, "add", { a: 1, b: 2 }, context());
    expect(summed?.structuredContent).toEqual({ sum: 3 });
    expect(await source.callTool(all, "docs__missing", {}, context())).toBeUndefined();
    expect(await source.callTool({ kind: "asset", assetId: calc }, "calc__add", {}, context())).toBeUndefined();

    const invalid = await source.callTool(all, "calc__add", { a: "one", b: 2 }, context()).catch((error: unknown) => error);
    expect(invalid).toBeInstanceOf(InvalidToolArgumentsError);
    expect((invalid as InvalidToolArgumentsError).field).toBe("/a");

    await streamable.close();
    // Upstream tools answer results only: input_required is for the built-in modern-only tools.
    const down = (await source.callTool(all, "calc__echo", { message: "x" }, context())) as CallToolResult | undefined;
    expect(down?.isError).toBe(true);
    expect(down?.content[0]).toMatchObject({ type: "text", text: expect.stringContaining("Upstream 'calc' failed") });
  });
});
