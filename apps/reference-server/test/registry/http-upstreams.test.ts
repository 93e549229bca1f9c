import { describe, expect, it } from "vitest";
import { expectApiError, expectSpec, mountRegistry, type MountedRegistry } from "./helpers.js";
import { startHangingSseUpstream, startSseUpstream, startStreamableUpstream } from "./upstreams.js";

async function register(api: MountedRegistry, body: Record<string, unknown>): Promise<string> {
  const created = await api.request("POST", "/v1/mcp-servers", { json: body });
  expect(created.status, created.text).toBe(201);
  return created.body.id as string;
}

async function refresh(api: MountedRegistry, id: string) {
  const answer = await api.request("PATCH", `/v1/mcp-servers/${id}/refresh`);
  if (answer.status === 200) expectSpec("RefreshResult", answer.body);
  return answer;
}

async function run(api: MountedRegistry, id: string, tool: string, args?: unknown) {
  const answer = await api.request("POST", `/v1/mcp-servers/${id}/tools/${tool}/run`, args === undefined ? {} : { json: { args } });
  expectSpec(answer.status === 200 ? "ToolRunResult" : "ApiError", answer.body);
  return answer;
}

describe("registry with SSE and Streamable HTTP upstreams", () => {
  it("refreshes an SSE upstream across pages, sends its credentials, and runs its tools", async () => {
    await using upstream = await startSseUpstream();
    await using api = await mountRegistry();
    const id = await register(api, {
      server_name: "docs",
      mcp_server_type: "sse",
      server_url: upstream.url,
      auth_header: "X-Api-Key",
      auth_token: "sse-key-123",
      custom_headers: { "X-Team": "analytics" },
    });
    const refreshed = await refresh(api, id);
    expect(refreshed.status, refreshed.text).toBe(200);
    expect(refreshed.body.added).toEqual(["echo", "fail", "shout", "count", "noop"]);
    expect(refreshed.body.tools.map((t: { exposed_name: string }) => t.exposed_name)).toContain("docs__echo");
    expect(upstream.headers.length).toBeGreaterThan(3);
    for (const headers of upstream.headers) {
      expect(headers["x-api-key"]).toBe("sse-key-123");
      expect(headers["x-team"]).toBe("analytics");
    }
    expect((await api.request("GET", `/v1/mcp-servers/${id}`)).body.last_refreshed_at).not.toBeNull();

    const listed = await api.request("GET", `/v1/mcp-servers/${id}/tools`);
    for (const tool of listed.body) expectSpec("McpTool", tool);
    expect(listed.body).toEqual(refreshed.body.tools);
    const echo = listed.body[0];
    const byId = await api.request("GET", `/v1/mcp-servers/${id}/tools/${echo.id}`);
    const byName = await api.request("GET", `/v1/mcp-servers/${id}/tools/echo/`);
    expectSpec("McpTool", byId.body);
    expect(byName.body).toEqual(byId.body);

    const ok = await run(api, id, "echo", { message: "hello" });
    expect(ok.body).toEqual({ status: "success", func_return: "Echo: hello", content: [{ type: "text", text: "Echo: hello" }], isError: false });
    const byToolId = await run(api, id, echo.id, { message: "by id" });
    expect(byToolId.body.content[0].text).toBe("Echo: by id");
    const failed = await run(api, id, "fail");
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({ status: "error", isError: true });

    const missing = expectApiError(await run(api, id, "echo", {}), 422, "validation_failed");
    expect(missing.errors).toEqual([{ field: "/args/message", message: "is required" }]);
    const wrong = expectApiError(await run(api, id, "count", { n: -1 }), 422, "validation_failed");
    expect(wrong.errors?.[0]?.field).toBe("/args/n");
    expectApiError(await run(api, id, "echo", "not an object"), 422, "validation_failed");
    const text = await api.request("POST", `/v1/mcp-servers/${id}/tools/echo/run`, { body: "x", headers: { "content-type": "text/plain" } });
    expectApiError(text, 415, "bad_request");
    const bad = await api.request("POST", `/v1/mcp-servers/${id}/tools/echo/run`, { body: "{", headers: { "content-type": "application/json" } });
    expectApiError(bad, 400, "bad_request");
  });

  it("reports what a refresh added, updated and removed, keeping ids, and changes nothing when it fails", async () => {
    await using upstream = await startSseUpstream();
    await using api = await mountRegistry();
    const id = await register(api, { server_name: "docs", mcp_server_type: "sse", server_url: upstream.url });
    const first = await refresh(api, id);
    const idOf = (body: { tools: { name: string; id: string }[] }, name: string) => body.tools.find((t) => t.name === name)?.id;

    upstream.tools.splice(1, 1);
    upstream.tools[0] = { ...upstream.tools[0]!, description: "Echoes, differently" };
    upstream.tools.push({ name: "fresh", inputSchema: { type: "object" } });
    const second = await refresh(api, id);
    expect(second.body).toMatchObject({ added: ["fresh"], updated: ["echo"], removed: ["fail"], deleted: ["fail"] });
    expect(idOf(second.body, "echo")).toBe(idOf(first.body, "echo"));
    expect(idOf(second.body, "shout")).toBe(idOf(first.body, "shout"));
    expect(second.body.tools.map((t: { name: string }) => t.name)).toEqual(["echo", "shout", "count", "noop", "fresh"]);
    const same = await refresh(api, id);
    expect(same.body).toMatchObject({ added: [], updated: [], removed: [] });

    // An upstream that lists the same tool twice is refused whole: nothing stored changes.
    const before = await api.request("GET", `/v1/mcp-servers/${id}`);
    upstream.tools.push({ name: "echo", inputSchema: { type: "object" } }, { name: "another", inputSchema: { type: "object" } });
    const broken = expectApiError(await refresh(api, id), 502, "upstream_error");
    expect(broken.detail).toContain("listed tool 'echo' twice");
    expect((await api.request("GET", `/v1/mcp-servers/${id}/tools`)).body).toEqual(same.body.tools);
    expect((await api.request("GET", `/v1/mcp-servers/${id}`)).body).toEqual(before.body);
  });

  it("sends bearer tokens to a Streamable HTTP upstream and returns structured results", async () => {
    await using upstream = await startStreamableUpstream();
    await using api = await mountRegistry();
    const plain = await register(api, { server_name: "plain", mcp_server_type: "streamable_http", server_url: upstream.url, auth_token: "tok-1" });
    const prefixed = await register(api, { server_name: "prefixed", mcp_server_type: "streamable_http", server_url: upstream.url, auth_token: "Bearer tok-2" });
    const refreshed = await refresh(api, plain);
    expect(refreshed.body.added).toEqual(["echo", "add", "hang"]);
    expect(upstream.headers.every((h) => h.authorization === "Bearer tok-1")).toBe(true);
    const seen = upstream.headers.length;
    await refresh(api, prefixed);
    expect(upstream.headers.slice(seen).every((h) => h.authorization === "Bearer tok-2")).toBe(true);

    const sum = await run(api, plain, "add", { a: 2, b: 3 });
    expect(sum.body).toEqual({ status: "success", func_return: "5", content: [{ type: "text", text: "5" }], structuredContent: { sum: 5 }, isError: false });
    const wrong = expectApiError(await run(api, plain, "add", { a: "two", b: 3 }), 422, "validation_failed");
    expect(wrong.errors?.[0]?.field).toBe("/args/a");
  });

  it("answers 504 when an upstream hangs (handshake or call) and keeps answering", async () => {
    await using silent = await startHangingSseUpstream("nothing");
    await using listless = await startHangingSseUpstream("initialize");
    await using streamable = await startStreamableUpstream();
    await using api = await mountRegistry({ connectTimeoutMs: 500, callTimeoutMs: 500 });
    const handshake = await register(api, { server_name: "silent", mcp_server_type: "sse", server_url: silent.url });
    const list = await register(api, { server_name: "listless", mcp_server_type: "sse", server_url: listless.url });
    const call = await register(api, { server_name: "hangs", mcp_server_type: "streamable_http", server_url: streamable.url });

    let started = Date.now();
    const noHandshake = expectApiError(await refresh(api, handshake), 504, "upstream_timeout");
    expect(noHandshake.detail).toContain("within 500 ms");
    expect(Date.now() - started).toBeLessThan(3_000);
    started = Date.now();
    const noList = expectApiError(await refresh(api, list), 504, "upstream_timeout");
    expect(noList.detail).toBe("Upstream 'listless' did not answer tools/list within 500 ms.");
    expect(Date.now() - started).toBeLessThan(3_000);

    expect((await refresh(api, call)).status).toBe(200);
    const hung = expectApiError(await run(api, call, "hang", {}), 504, "upstream_timeout");
    expect(hung.detail).toContain("tools/call");
    expect((await run(api, call, "echo", { message: "still here" })).body.content[0].text).toBe("Echo: still here");
    expect((await api.request("GET", "/v1/mcp-servers")).body).toHaveLength(3);
  });

  it("answers 502 in one sanitized sentence when an upstream is unreachable (the reason only in the log), keeping the stored tools", async () => {
    const upstream = await startStreamableUpstream();
    await using api = await mountRegistry();
    const id = await register(api, { server_name: "gone", mcp_server_type: "streamable_http", server_url: upstream.url });
    const first = await refresh(api, id);
    await upstream.close();
    const down = expectApiError(await refresh(api, id), 502, "upstream_error");
    expect(down.detail).toBe("Upstream 'gone' failed during tools/list: could not reach the upstream server.");
    expect(api.logs.some((line) => line.startsWith("warn Upstream 'gone' failed") && line.includes("ECONNREFUSED"))).toBe(true);
    expectApiError(await run(api, id, "echo", { message: "x" }), 502, "upstream_error");
    expect((await api.request("GET", `/v1/mcp-servers/${id}/tools`)).body).toEqual(first.body.tools);
  });

  it("reconnects after an update and drops the connection on delete", async () => {
    await using one = await startSseUpstream();
    await using two = await startStreamableUpstream();
    await using api = await mountRegistry();
    const id = await register(api, { server_name: "moving", mcp_server_type: "sse", server_url: one.url });
    expect((await refresh(api, id)).body.added).toContain("noop");
    const moved = await api.request("PATCH", `/v1/mcp-servers/${id}`, { json: { mcp_server_type: "sse", server_url: two.url.replace("/mcp", "/sse") } });
    expect(moved.status).toBe(200);
    // The tools stay until the next refresh; the new URL is used from then on.
    expect((await api.request("GET", `/v1/mcp-servers/${id}/tools`)).body).toHaveLength(5);
    expectApiError(await refresh(api, id), 502, "upstream_error");
    expect((await api.request("DELETE", `/v1/mcp-servers/${id}`)).status).toBe(204);
    expectApiError(await api.request("GET", `/v1/mcp-servers/${id}/tools`), 404, "not_found");
  });
});
