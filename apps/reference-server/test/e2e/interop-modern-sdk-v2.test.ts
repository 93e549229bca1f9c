/**
 * The official SDK v2 client (`@modelcontextprotocol/client` 2.4) on its modern path against our
 * `/mcp` and Spice's dual-era `/v1/mcp`: `auto` negotiation (its `server/discover` probe must find a modern server, dual-era or
 * modern-only) and a pinned 2026-07-28, then tools, a streamed tool call with progress, and the
 * server keeping no session for any of it.
 */
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { describe, expect, it } from "vitest";
import { startApp } from "./harness.js";

const MODES = [{ mode: "auto" as const }, { mode: { pin: "2026-07-28" } }];

const ENDPOINTS = [
  { path: "/mcp", eras: "both" },
  { path: "/mcp", eras: "modern" },
  { path: "/v1/mcp", eras: "both" },
] as const;

describe.each(ENDPOINTS)("official SDK v2 client on $path with --eras $eras", ({ path, eras }) => {
  it.for(MODES)("connects with versionNegotiation $mode in the modern era, lists and calls tools, statelessly", async ({ mode }) => {
    await using server = await startApp({ config: { eras } });
    const transport = new StreamableHTTPClientTransport(new URL(server.url + path));
    const client = new Client({ name: "sdk-v2-modern-interop", version: "1.0.0" }, { versionNegotiation: { mode } });
    await client.connect(transport);
    expect(client.getProtocolEra()).toBe("modern");
    expect(client.getNegotiatedProtocolVersion()).toBe("2026-07-28");
    expect(transport.sessionId).toBeUndefined();
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(expect.arrayContaining(["echo", "add", "progress"]));
    expect(await client.callTool({ name: "add", arguments: { a: 2, b: 3 } })).toMatchObject({ structuredContent: { sum: 5 } });
    const progress: number[] = [];
    const streamed = await client.callTool({ name: "progress", arguments: { steps: 3 } }, { onprogress: (update) => progress.push(update.progress) });
    expect(streamed).toMatchObject({ content: [{ type: "text", text: "Completed 3 steps." }] });
    expect(progress).toEqual([1, 2, 3]);
    await client.close();
    expect(server.app.sessions.size).toBe(0);
    expect(server.logs).toEqual([]);
  });
});
