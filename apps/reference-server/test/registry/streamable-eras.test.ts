import { describe, expect, it } from "vitest";
import type { CallToolResult } from "@mcp-contract/api-types";
import { connect, openSession } from "@mcp-contract/client";
import { startServer } from "@mcp-contract/test-helpers";
import { createGateway } from "../../src/index.js";
import { startFastMcpUpstream } from "./fastmcp-upstream.js";
import { startSdkV2Upstream } from "./sdk-v2-upstream.js";
import { startStatefulUpstream, startStreamableUpstream } from "./upstreams.js";

const textOf = (result: CallToolResult): string | undefined => {
  const first = result.content[0];
  return first?.type === "text" ? first.text : undefined;
};

/** Registry writes need the operator token (issue 11); it opens the MCP endpoints too. */
const OPERATOR = "operator-eras-8c41";

async function startGateway() {
  const gateway = createGateway({ config: { adminTokens: [OPERATOR] }, log: () => undefined, registry: { databasePath: ":memory:", stdioAllowlist: [], upstreamHostAllowlist: ["127.0.0.1"] } });
  const server = await startServer(gateway.app.server);
  const call = async (method: string, path: string, json?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${OPERATOR}`, ...(json === undefined ? {} : { "content-type": "application/json" }) },
      body: json === undefined ? undefined : JSON.stringify(json),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> & { tools?: { name: string }[] } };
  };
  return {
    url: server.url,
    call,
    [Symbol.asyncDispose]: async () => {
      await Promise.all([gateway.close(), server.close()]);
    },
  };
}

const peers = [
  ["the SDK v2 server, modern-only (2026-07-28)", async () => startSdkV2Upstream("modern-only")],
  ["the SDK v2 server, dual-era", async () => startSdkV2Upstream("dual-era")],
  ["the SDK v1 StreamableHTTPServerTransport, stateful", async () => startStatefulUpstream()],
  ["the SDK v1 StreamableHTTPServerTransport, stateless", async () => startStreamableUpstream()],
  ["fastmcp's httpStream, stateful", async () => startFastMcpUpstream("stateful")],
  ["fastmcp's httpStream, stateless", async () => startFastMcpUpstream("stateless")],
] as const;

describe("registry: streamable_http upstreams of every era, through @mcp-contract/client", () => {
  it.each(peers)("%s: refresh, run, and its tools on the Spice, /mcp and Celonis endpoints", async (_name, start) => {
    await using upstream = await start();
    await using gateway = await startGateway();
    const created = await gateway.call("POST", "/v1/mcp-servers", { server_name: "up", mcp_server_type: "streamable_http", server_url: upstream.url });
    expect(created.status).toBe(201);
    const id = created.body["id"] as string;
    const refreshed = await gateway.call("PATCH", `/v1/mcp-servers/${id}/refresh`);
    expect(refreshed.status, JSON.stringify(refreshed.body)).toBe(200);
    expect(refreshed.body.tools?.map((tool) => tool.name)).toContain("echo");
    const run = await gateway.call("POST", `/v1/mcp-servers/${id}/tools/echo/run`, { args: { message: "via run" } });
    expect(run.body).toMatchObject({ status: "success", func_return: "Echo: via run" });

    await using spice = await connect(`${gateway.url}/v1/mcp/sse`, { bearer: OPERATOR });
    expect((await spice.listTools()).map((tool) => tool.name)).toContain("up__echo");
    expect(textOf(await spice.callTool("up__echo", { message: "via spice" }))).toBe("Echo: via spice");
    await using modern = await connect(`${gateway.url}/mcp`, { bearer: OPERATOR });
    expect(modern.transport.name).toBe("streamable-http-modern");
    expect(textOf(await modern.callTool("up__echo", { message: "via /mcp" }))).toBe("Echo: via /mcp");
    await using celonis = await openSession(`${gateway.url}/studio-copilot/api/v1/mcp-servers/mcp/${id}`, { bearer: OPERATOR });
    await celonis.initialize();
    expect((await celonis.listTools()).map((tool) => tool.name)).toContain("echo");
    expect(textOf(await celonis.callTool("echo", { message: "via celonis" }))).toBe("Echo: via celonis");
  });
});
