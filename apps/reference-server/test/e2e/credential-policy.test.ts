/**
 * The one credential policy (issue 11, findings 1 and 3): registry writes and tool runs need the
 * operator token, the registry is read-only without one, every MCP endpoint refuses anonymous
 * callers once any credential is configured, and a stored upstream credential is never lent to a
 * caller who gave none. Real gateway on port 0, real SSE upstreams on loopback.
 * @see SECURITY.md (the matrix these tests walk)
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startServer } from "@mcp-contract/test-helpers";
import { describe, expect, it } from "vitest";
import type { ServerConfig } from "../../src/config/server-config.js";
import { createGateway } from "../../src/gateway.js";
import { StdioPolicyError } from "../../src/registry/index.js";
import { startSseUpstream } from "../registry/upstreams.js";
import { expectSpec } from "./harness.js";

const ADMIN = "admin-7c1d0e5b";
const KEY = "key-2b8f41aa";
const TOKEN = "celonis-9e04d2c7";
const STORED = "stored-upstream-secret-61f0";
const CELONIS = "/studio-copilot/api/v1/mcp-servers/mcp";
const PING = { jsonrpc: "2.0", id: 1, method: "ping" };

async function startGateway(config: Partial<ServerConfig>, databasePath = ":memory:") {
  const gateway = createGateway({ config, registry: { databasePath, upstreamHostAllowlist: ["127.0.0.1"] }, log: () => undefined });
  const running = await startServer(gateway.app.server);
  return {
    url: running.url,
    async [Symbol.asyncDispose]() {
      await running.close();
      await gateway.close();
    },
  };
}

function send(url: string, method: string, headers: Record<string, string> = {}, body?: unknown): Promise<Response> {
  return fetch(url, {
    method,
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(10_000),
  });
}

/** Asserts a registry 401 ApiError whose detail contains `says`. */
async function expectRegistry401(response: Response, says: string): Promise<void> {
  expect(response.status).toBe(401);
  const body = (await response.json()) as { detail: string };
  expectSpec("registry", "ApiError", body);
  expect(body).toMatchObject({ code: "unauthorized" });
  expect(body.detail).toContain(says);
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe("registry writes", () => {
  it("without an operator credential configured, the registry is read-only and every write names --admin-token", async () => {
    await using upstream = await startSseUpstream();
    await using gateway = await startGateway({});
    const base = `${gateway.url}/v1/mcp-servers`;
    const id = "mcp_server-00000000-0000-4000-8000-000000000000";
    const writes: [string, string, unknown][] = [
      ["POST", base, { server_name: "x", mcp_server_type: "sse", server_url: upstream.url }],
      ["PATCH", `${base}/${id}`, { server_name: "y" }],
      ["DELETE", `${base}/${id}`, undefined],
      ["PATCH", `${base}/${id}/refresh`, undefined],
      ["POST", `${base}/${id}/tools/t/run`, { args: {} }],
    ];
    for (const [method, url, body] of writes) {
      await expectRegistry401(await send(url, method, bearer("anything"), body), "--admin-token");
    }
    expect(upstream.headers).toEqual([]);
    const list = await send(base, "GET");
    expect(list.status).toBe(200);
    expect(await list.json()).toEqual([]);
  });

  it("with --admin-token, only the operator token writes and runs; API keys, Celonis tokens and anonymous callers get 401", async () => {
    await using upstream = await startSseUpstream();
    await using gateway = await startGateway({ adminTokens: [ADMIN], apiKeys: [KEY], bearerTokens: [TOKEN] });
    const base = `${gateway.url}/v1/mcp-servers`;
    const create = { server_name: "docs", mcp_server_type: "sse", server_url: upstream.url };
    // No valid credential: the app's 401; a valid one that is not the operator's: the registry's.
    for (const headers of [{}, bearer("wrong"), { authorization: `Basic ${ADMIN}` }]) {
      await expectRegistry401(await send(base, "POST", headers, create), "'Authorization: Bearer <token>'");
    }
    for (const headers of [{ "x-api-key": KEY }, bearer(TOKEN)]) {
      await expectRegistry401(await send(base, "POST", headers, create), "needs the operator credential (--admin-token)");
    }
    expect(upstream.headers).toEqual([]);
    const created = await send(base, "POST", bearer(ADMIN), create);
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const server = `${base}/${id}`;
    for (const headers of [{ "x-api-key": KEY }, bearer(TOKEN)]) {
      await expectRegistry401(await send(`${server}/refresh`, "PATCH", headers), "operator credential");
      await expectRegistry401(await send(server, "PATCH", headers, { server_name: "stolen" }), "operator credential");
      await expectRegistry401(await send(`${server}/tools/x/run`, "POST", headers, { args: {} }), "operator credential");
      await expectRegistry401(await send(server, "DELETE", headers), "operator credential");
      // Reads stay open to every credential, never to nobody.
      expect((await send(server, "GET", headers)).status).toBe(200);
    }
    expect((await send(server, "GET")).status).toBe(401);
    expect(upstream.headers).toEqual([]);
    const refreshed = await send(`${server}/refresh`, "PATCH", bearer(ADMIN));
    expect(refreshed.status).toBe(200);
    const tools = (await (await send(`${server}/tools`, "GET", bearer(ADMIN))).json()) as { id: string; name: string }[];
    const echo = tools.find((tool) => tool.name === "echo");
    const run = await send(`${server}/tools/${echo?.id ?? "?"}/run`, "POST", bearer(ADMIN), { args: { message: "hi" } });
    expect(run.status).toBe(200);
    expect(await run.json()).toMatchObject({ status: "success", func_return: "Echo: hi" });
    expect((await send(server, "DELETE", bearer(ADMIN))).status).toBe(204);
  });

  it("refuses to start with --allow-stdio and no operator credential", () => {
    expect(() => createGateway({ registry: { databasePath: ":memory:", stdioAllowlist: ["node"] }, log: () => undefined })).toThrow(StdioPolicyError);
    expect(() =>
      createGateway({ config: { apiKeys: [KEY] }, registry: { databasePath: ":memory:", stdioAllowlist: ["node"] }, log: () => undefined }),
    ).toThrow(/--admin-token/);
  });
});

describe("MCP endpoints once any credential is configured", () => {
  const endpoints = [
    { name: "Spice SSE", method: "GET", path: "/v1/mcp/sse" },
    { name: "OpenSearch SSE", method: "GET", path: "/_plugins/_ml/mcp/sse" },
    { name: "Celonis builtin", method: "POST", path: `${CELONIS}/builtin` },
    { name: "Streamable /v1/mcp", method: "POST", path: "/v1/mcp" },
    { name: "dual-era /mcp", method: "POST", path: "/mcp" },
    { name: "OpenSearch stateless /_plugins/_ml/mcp", method: "POST", path: "/_plugins/_ml/mcp" },
  ];
  const initialize = {
    jsonrpc: "2.0",
    id: 1,
    method: "initialize",
    params: { protocolVersion: "2025-03-26", capabilities: {}, clientInfo: { name: "t", version: "1" } },
  };
  const configs: [string, Partial<ServerConfig>, Record<string, string>][] = [
    ["only --api-key", { apiKeys: [KEY] }, { "x-api-key": KEY }],
    ["only --bearer-token", { bearerTokens: [TOKEN] }, bearer(TOKEN)],
    ["only --admin-token", { adminTokens: [ADMIN] }, bearer(ADMIN)],
  ];

  it.each(configs)("%s: every endpoint answers 401 to an anonymous caller and serves the credential", async (_, config, good) => {
    await using gateway = await startGateway(config);
    for (const endpoint of endpoints) {
      const body = endpoint.method === "POST" ? (endpoint.path.startsWith(CELONIS) ? PING : initialize) : undefined;
      for (const headers of [{}, { "x-api-key": "wrong" }, bearer("wrong")] as Record<string, string>[]) {
        const refused = await send(gateway.url + endpoint.path, endpoint.method, headers, body);
        expect(refused.status, `${endpoint.name} ${JSON.stringify(headers)}`).toBe(401);
        await refused.body?.cancel();
      }
      const served = await send(gateway.url + endpoint.path, endpoint.method, good, body);
      expect(served.status, endpoint.name).toBe(200);
      await served.body?.cancel();
    }
  });

  it("only --api-key: an anonymous POST to a registered server's Celonis asset is refused and reaches no upstream (finding 3)", async () => {
    await using upstream = await startSseUpstream();
    await using gateway = await startGateway({ apiKeys: [KEY], adminTokens: [ADMIN] });
    const created = await send(`${gateway.url}/v1/mcp-servers`, "POST", bearer(ADMIN), {
      server_name: "docs",
      mcp_server_type: "sse",
      server_url: upstream.url,
      auth_token: STORED,
    });
    const { id } = (await created.json()) as { id: string };
    expect((await send(`${gateway.url}/v1/mcp-servers/${id}/refresh`, "PATCH", bearer(ADMIN))).status).toBe(200);
    const seen = upstream.headers.length;
    const call = { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "echo", arguments: { message: "x" } } };
    const refused = await send(`${gateway.url}${CELONIS}/${id}`, "POST", {}, call);
    expect(refused.status).toBe(401);
    expectSpec("message", "ErrorDetail", await refused.json());
    expect(upstream.headers.length).toBe(seen);
    const allowed = await send(`${gateway.url}${CELONIS}/${id}`, "POST", { "x-api-key": KEY }, call);
    expect(await allowed.json()).toMatchObject({ id: 1, result: { content: [{ text: "Echo: x" }] } });
  });
});

describe("stored upstream credentials", () => {
  it("are never lent to an anonymous caller: a server without credentials refuses to call a server holding one", async () => {
    await using upstream = await startSseUpstream();
    const dir = await mkdtemp(path.join(tmpdir(), "credential-policy-"));
    try {
      const db = path.join(dir, "registry.db");
      let id: string;
      {
        await using operator = await startGateway({ adminTokens: [ADMIN] }, db);
        const created = await send(`${operator.url}/v1/mcp-servers`, "POST", bearer(ADMIN), {
          server_name: "docs",
          mcp_server_type: "sse",
          server_url: upstream.url,
          auth_token: STORED,
        });
        ({ id } = (await created.json()) as { id: string });
        expect((await send(`${operator.url}/v1/mcp-servers/${id}/refresh`, "PATCH", bearer(ADMIN))).status).toBe(200);
      }
      // The same database served with no credential at all: anyone may call, so nothing is lent.
      await using open = await startGateway({}, db);
      const seen = upstream.headers.length;
      const call = { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "echo", arguments: { message: "x" } } };
      const answer = (await (await send(`${open.url}${CELONIS}/${id}`, "POST", {}, call)).json()) as {
        result: { isError: boolean; content: { text: string }[] };
      };
      expectSpec("message", "ServerMessage", answer);
      expect(answer.result.isError).toBe(true);
      expect(answer.result.content[0]?.text).toContain("lends only to authenticated callers");
      expect(upstream.headers.length).toBe(seen);
      expect(JSON.stringify(upstream.headers.slice(seen))).not.toContain(STORED);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
