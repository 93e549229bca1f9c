import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { spawnWithUrl, startServer } from "@mcp-contract/test-helpers";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";
import { describe, expect, it } from "vitest";
import { createGateway } from "../../src/gateway.js";
import { expectSpec } from "./harness.js";

const EVERYTHING = createRequire(import.meta.url).resolve("@modelcontextprotocol/server-everything/dist/index.js");
const MAIN = path.resolve(fileURLToPath(import.meta.url), "../../../src/main.ts");
const CELONIS = "/studio-copilot/api/v1/mcp-servers/mcp";
/** Registry writes need the operator token (issue 11); it opens the MCP endpoints too. */
const OPERATOR = "operator-gateway-4d2a";
const AUTH = { authorization: `Bearer ${OPERATOR}` };

async function json(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}

function post(url: string, body: unknown): Promise<Response> {
  return fetch(url, { method: "POST", headers: { "content-type": "application/json", ...AUTH }, body: JSON.stringify(body) });
}

describe("the gateway: registered upstream tools on the session endpoints", () => {
  it("exposes server-everything's tools namespaced on Spice and plain on its Celonis asset, until deleted", async () => {
    const gateway = createGateway({ config: { adminTokens: [OPERATOR] }, registry: { databasePath: ":memory:", stdioAllowlist: ["node"], stdioScriptDirs: [path.dirname(EVERYTHING)], upstreamHostAllowlist: ["127.0.0.1"] }, log: () => {} });
    await using running = await startServer(gateway.app.server);
    try {
      const created = await post(`${running.url}/v1/mcp-servers`, {
        server_name: "everything",
        mcp_server_type: "stdio",
        command: process.execPath,
        args: [EVERYTHING, "stdio"],
      });
      expect(created.status).toBe(201);
      const server = await json(created);
      expectSpec("registry", "McpServer", server);
      const refreshed = await json(await fetch(`${running.url}/v1/mcp-servers/${String(server["id"])}/refresh`, { method: "PATCH", headers: AUTH }));
      expectSpec("registry", "RefreshResult", refreshed);
      const upstreamNames = (refreshed["added"] as string[]).sort();
      expect(upstreamNames).toEqual(expect.arrayContaining(["echo", "get-sum"]));

      // Spice: the official SDK client sees built-in and namespaced upstream tools, and calls through.
      const client = new Client({ name: "gateway-test", version: "1.0.0" });
      await client.connect(new SSEClientTransport(new URL(`${running.url}/v1/mcp/sse`), { requestInit: { headers: AUTH } }));
      const listed = (await client.listTools()).tools.map((tool) => tool.name);
      expect(listed).toContain("echo");
      for (const name of upstreamNames) expect(listed).toContain(`everything__${name}`);
      const echoed = await client.callTool({ name: "everything__echo", arguments: { message: "through the gateway" } });
      expect(echoed.content).toEqual([{ type: "text", text: "Echo: through the gateway" }]);
      const invalid = client.callTool({ name: "everything__get-sum", arguments: { a: "two", b: 3 } });
      await expect(invalid).rejects.toThrow(/-32602[\s\S]*\/a/);
      await client.close();

      // Celonis: the asset is the registry id and serves exactly that server's tools, synchronously.
      const asset = `${running.url}${CELONIS}/${String(server["id"])}`;
      const assetTools = await json(await post(asset, { jsonrpc: "2.0", id: 1, method: "tools/list", params: {} }));
      expectSpec("message", "ServerMessage", assetTools);
      const assetNames = ((assetTools["result"] as { tools: { name: string }[] }).tools ?? []).map((t) => t.name).sort();
      expect(assetNames).toEqual(upstreamNames);
      const sum = await json(
        await post(asset, { jsonrpc: "2.0", id: "s", method: "tools/call", params: { name: "get-sum", arguments: { a: 2, b: 3 } } }),
      );
      expect(sum["id"]).toBe("s");
      expect(JSON.stringify(sum["result"])).toContain("5");

      // Deleting the server removes its asset and its tools from every session endpoint.
      expect((await fetch(`${running.url}/v1/mcp-servers/${String(server["id"])}`, { method: "DELETE", headers: AUTH })).status).toBe(204);
      const gone = await post(asset, { jsonrpc: "2.0", id: 2, method: "tools/list" });
      expect(gone.status).toBe(404);
      expectSpec("message", "ErrorDetail", await gone.json());
      const after = new Client({ name: "gateway-test", version: "1.0.0" });
      await after.connect(new SSEClientTransport(new URL(`${running.url}/v1/mcp/sse`), { requestInit: { headers: AUTH } }));
      expect((await after.listTools()).tools.map((t) => t.name).filter((n) => n.startsWith("everything__"))).toEqual([]);
      await after.close();
    } finally {
      await gateway.close();
    }
  });
});

describe("main.ts with the registry", () => {
  it("keeps registered servers across a restart of the process, secrets still redacted", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "mcp-contract-main-db-"));
    const database = path.join(dir, "registry.db");
    const start = () =>
      spawnWithUrl(process.execPath, ["--import", "tsx", MAIN, "--port", "0", "--db", database, "--admin-token", OPERATOR, "--allow-upstream-host", "127.0.0.1"], {
        readyPattern: /listening on (http:\/\/127\.0\.0\.1:\d+)/,
      });
    try {
      // Disposed (stopped) even when an assertion fails first, so no server outlives the test.
      await using first = await start();
      const created = await post(`${first.url}/v1/mcp-servers`, {
        server_name: "docs",
        mcp_server_type: "sse",
        server_url: "http://127.0.0.1:9/sse",
        auth_header: "Authorization",
        auth_token: "Bearer restart-secret",
      });
      expect(created.status).toBe(201);
      expect(first.output()).toContain(`registry    ${first.url}/v1/mcp-servers (database ${database})`);
      expect(await first.stop()).toBe(0);

      await using second = await start();
      try {
        const listed = (await (await fetch(`${second.url}/v1/mcp-servers`, { headers: AUTH })).json()) as Record<string, unknown>[];
        expect(listed.map((s) => s["server_name"])).toEqual(["docs"]);
        expect(listed[0]?.["auth_token"]).toBe("********");
        expect(JSON.stringify(listed)).not.toContain("restart-secret");
        expect(second.output()).not.toContain("restart-secret");
      } finally {
        expect(await second.stop()).toBe(0);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
