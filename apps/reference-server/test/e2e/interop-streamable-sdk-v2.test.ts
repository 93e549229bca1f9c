/**
 * The official SDK v2 client (`@modelcontextprotocol/client`) on its legacy path against our
 * stateful sessions: its default (the plain 2025 `initialize`), and `auto` negotiation, whose
 * `server/discover` probe a legacy-only endpoint refuses, so it falls back to `initialize`.
 */
import { once } from "node:events";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { describe, expect, it } from "vitest";
import { startApp } from "./harness.js";

/** Endpoints serving the legacy era only (`/mcp` under `--eras legacy`), where the `auto` probe must fall back. */
const LEGACY_ONLY_PATHS = ["/mcp", "/v1/mcp"];

describe.each(LEGACY_ONLY_PATHS)("official SDK v2 client on %s", (path) => {
  it.for([{ mode: "legacy" as const }, { mode: "auto" as const }])("connects with versionNegotiation $mode, calls tools, terminates", async ({ mode }) => {
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
