import type { McpServer } from "@mcp-contract/api-types";
import { startServer } from "@mcp-contract/test-helpers";
import type { IncomingHttpHeaders } from "node:http";
import { describe, expect, it } from "vitest";
import { createMessageClient, createRegistryClient } from "../src/index.js";

const ID = "mcp_server-56b10c32-97c5-4060-8e3d-12e040f889f2";
const STORED: McpServer = {
  id: ID,
  server_name: "everything",
  mcp_server_type: "stdio",
  command: "npx",
  args: ["-y", "@modelcontextprotocol/server-everything"],
  env: null,
  created_at: "2026-11-21T10:00:00.000Z",
  updated_at: "2026-11-21T10:00:00.000Z",
  last_refreshed_at: null,
};

/** A registry and Celonis endpoint small enough to read: one stored server, everything else 404. */
async function startApiFixture(seen: IncomingHttpHeaders[]) {
  return startServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += String(chunk);
    seen.push(req.headers);
    const json = (status: number, value: unknown): void => {
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));
    };
    if (req.method === "GET" && req.url === `/v1/mcp-servers/${ID}`) return json(200, STORED);
    if (req.method === "POST" && req.url === "/studio-copilot/api/v1/mcp-servers/mcp/builtin") {
      const message = JSON.parse(body) as { id: number };
      return json(200, { jsonrpc: "2.0", id: message.id, result: { tools: [] } });
    }
    if (req.url?.startsWith("/studio-copilot/")) return json(404, { detail: "Asset not found or not accessible." });
    return json(404, { detail: `No MCP server has id '${req.url?.split("/")[3]}'.`, code: "not_found" });
  });
}

describe("createRegistryClient", () => {
  it("returns the typed server as data, and the ApiError body as error", async () => {
    const seen: IncomingHttpHeaders[] = [];
    await using api = await startApiFixture(seen);
    const registry = createRegistryClient({ baseUrl: api.url });
    const found = await registry.GET("/v1/mcp-servers/{mcp_server_id}", { params: { path: { mcp_server_id: ID } } });
    expect(found.data).toEqual(STORED);
    expect(found.response.status).toBe(200);
    const missing = await registry.GET("/v1/mcp-servers/{mcp_server_id}", { params: { path: { mcp_server_id: "mcp_server-nope" } } });
    expect(missing.data).toBeUndefined();
    expect(missing.error).toEqual({ detail: "No MCP server has id 'mcp_server-nope'.", code: "not_found" });
    expect(missing.response.status).toBe(404);
  });

  it("sends the API key, bearer token and custom headers; a per-call header wins", async () => {
    const seen: IncomingHttpHeaders[] = [];
    await using api = await startApiFixture(seen);
    const registry = createRegistryClient({ baseUrl: api.url, apiKey: "k1", bearer: "t1", headers: { "x-team": "qa" } });
    await registry.GET("/v1/mcp-servers/{mcp_server_id}", { params: { path: { mcp_server_id: ID } } });
    await registry.GET("/v1/mcp-servers/{mcp_server_id}", { params: { path: { mcp_server_id: ID } }, headers: { "x-api-key": "override" } });
    expect(seen[0]).toMatchObject({ "x-api-key": "k1", authorization: "Bearer t1", "x-team": "qa" });
    expect(seen[1]).toMatchObject({ "x-api-key": "override", authorization: "Bearer t1" });
  });

  it("sends no credential headers when none are configured, and uses an injected fetch", async () => {
    const seen: IncomingHttpHeaders[] = [];
    await using api = await startApiFixture(seen);
    const urls: string[] = [];
    const registry = createRegistryClient({
      baseUrl: api.url,
      fetch: (request) => {
        urls.push(request.url);
        return fetch(request);
      },
    });
    await registry.GET("/v1/mcp-servers/{mcp_server_id}", { params: { path: { mcp_server_id: ID } } });
    expect(urls).toEqual([`${api.url}/v1/mcp-servers/${ID}`]);
    expect(seen[0]?.["x-api-key"]).toBeUndefined();
    expect(seen[0]?.authorization).toBeUndefined();
  });
});

describe("createMessageClient", () => {
  it("POSTs a Celonis request and types its synchronous answer and {detail} error", async () => {
    await using api = await startApiFixture([]);
    const messages = createMessageClient({ baseUrl: api.url, bearer: "jwt" });
    const path = "/studio-copilot/api/v1/mcp-servers/mcp/{asset_id}";
    const answer = await messages.POST(path, {
      params: { path: { asset_id: "builtin" } },
      body: { jsonrpc: "2.0", id: 1, method: "tools/list" },
    });
    expect(answer.data).toEqual({ jsonrpc: "2.0", id: 1, result: { tools: [] } });
    const missing = await messages.POST(path, { params: { path: { asset_id: "nope" } }, body: { jsonrpc: "2.0", id: 2, method: "ping" } });
    expect(missing.error).toEqual({ detail: "Asset not found or not accessible." });
  });
});
