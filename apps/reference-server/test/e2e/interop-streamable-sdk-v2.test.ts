/**
 * The official SDK v2 client (`@modelcontextprotocol/client`) on its legacy path against our
 * stateful sessions: its default (the plain 2025 `initialize`), and `auto` negotiation, whose
 * `server/discover` probe a legacy-only endpoint refuses, so it falls back to `initialize`.
 */
import { once } from "node:events";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { describe, expect, it } from "vitest";
import { startApp } from "./harness.js";

/**
 * `/mcp` under `--eras legacy` serves the legacy era only, where the `auto` probe must fall back;
 * Spice's `/v1/mcp` is dual-era, so only the plain legacy connect meets its sessions there (its
 * `auto` connects modern: interop-modern-sdk-v2.test.ts).
 */
const CASES = [
  { path: "/mcp", mode: "legacy" as const },
  { path: "/mcp", mode: "auto" as const },
  { path: "/v1/mcp", mode: "legacy" as const },
];

describe("official SDK v2 client, legacy era", () => {
  it.for(CASES)("connects on $path with versionNegotiation $mode, calls tools, terminates", async ({ path, mode }) => {
    await using server = await startApp({ config: { eras: "legacy" } });
    const transport = new StreamableHTTPClientTransport(new URL(server.url + path));
    const client = new Client({ name: "sdk-v2-interop", version: "1.0.0" }, { versionNegotiation: { mode } });
    await client.connect(transport);
    expect(client.getProtocolEra()).toBe("legacy");
    expect(client.getNegotiatedProtocolVersion()).toBe("2025-11-25");
    expect(transport.sessionId).toMatch(/^[\x21-\x7e]{22,}$/);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain("echo");
    expect(await client.callTool({ name: "add", arguments: { a: 2, b: 3 } })).toMatchObject({ structuredContent: { sum: 5 } });
    const closed = once(server.app.sessions, "close");
    await transport.terminateSession();
    await closed;
    await client.close();
    expect(server.app.sessions.size).toBe(0);
    expect(server.logs).toEqual([]);
  });
});
