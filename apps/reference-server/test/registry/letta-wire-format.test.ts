import { describe, expect, it } from "vitest";
import { expectApiError, expectSpec, mountRegistry } from "./helpers.js";
import { startStreamableUpstream } from "./upstreams.js";

// Letta's /v1/mcp-servers takes the name beside a `config` (its Create*McpServer models carry no
// server_name), answers a tool run with `status` and `func_return`, and a refresh with `deleted`.
describe("registry in Letta's wire format", () => {
  it("registers a server from {server_name, config} exactly as from the flat form", async () => {
    await using api = await mountRegistry();
    const config = { mcp_server_type: "streamable_http", server_url: "http://127.0.0.1:9/mcp", custom_headers: { "X-Team": "a" } };
    const letta = await api.request("POST", "/v1/mcp-servers", { json: { server_name: "letta-style", config } });
    expect(letta.status, letta.text).toBe(201);
    expectSpec("McpServer", letta.body);
    expect(letta.body).toMatchObject({ server_name: "letta-style", ...config, custom_headers: { "X-Team": "********" } });
    const flat = await api.request("POST", "/v1/mcp-servers", { json: { server_name: "flat-style", ...config } });
    const { id: _a, created_at: _b, updated_at: _c, server_name: _d, ...lettaRest } = letta.body;
    const { id: _e, created_at: _f, updated_at: _g, server_name: _h, ...flatRest } = flat.body;
    expect(lettaRest).toEqual(flatRest);
  });

  it("names a bad config field where the client put it, under /config", async () => {
    await using api = await mountRegistry();
    const badUrl = await api.request("POST", "/v1/mcp-servers", {
      json: { server_name: "x", config: { mcp_server_type: "sse", server_url: "not a url" } },
    });
    const error = expectApiError(badUrl, 422, "validation_failed");
    expect(new Set(error.errors?.map((e) => e.field))).toEqual(new Set(["/config/server_url"]));
    const named = await api.request("POST", "/v1/mcp-servers", {
      json: { server_name: "x", config: { server_name: "y", mcp_server_type: "sse", server_url: "http://127.0.0.1:9/sse" } },
    });
    expect(expectApiError(named, 422, "validation_failed").errors).toEqual([
      { field: "/config/server_name", message: "is not allowed: the name goes beside config, not in it" },
    ]);
    const noType = await api.request("POST", "/v1/mcp-servers", { json: { server_name: "x", config: { server_url: "http://127.0.0.1:9/sse" } } });
    expect(expectApiError(noType, 422, "validation_failed").errors?.[0]?.field).toBe("/config/mcp_server_type");
  });

  it("answers a run with func_return beside content, and a refresh with deleted beside removed", async () => {
    await using upstream = await startStreamableUpstream();
    await using api = await mountRegistry();
    const created = await api.request("POST", "/v1/mcp-servers", {
      json: { server_name: "search", config: { mcp_server_type: "streamable_http", server_url: upstream.url } },
    });
    expect(created.status, created.text).toBe(201);
    const id = created.body.id as string;
    const refreshed = await api.request("PATCH", `/v1/mcp-servers/${id}/refresh`);
    expect(refreshed.status, refreshed.text).toBe(200);
    expectSpec("RefreshResult", refreshed.body);
    expect(refreshed.body.deleted).toEqual(refreshed.body.removed);
    const run = await api.request("POST", `/v1/mcp-servers/${id}/tools/echo/run`, { json: { args: { message: "hi" } } });
    expectSpec("ToolRunResult", run.body);
    expect(run.body).toMatchObject({ status: "success", func_return: "Echo: hi", content: [{ type: "text", text: "Echo: hi" }] });
    const add = await api.request("POST", `/v1/mcp-servers/${id}/tools/add/run`, { json: { args: { a: 2, b: 3 } } });
    expect(add.body).toMatchObject({ func_return: "5", structuredContent: { sum: 5 } });
  });
});
