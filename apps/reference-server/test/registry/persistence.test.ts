import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/registry/database.js";
import { migrations } from "../../src/registry/migrations.js";
import { SecretBox } from "../../src/registry/secret-box.js";
import { ServerStore } from "../../src/registry/server-store.js";
import { toMcpServer } from "../../src/registry/stored-server.js";
import { ToolStore } from "../../src/registry/tool-store.js";
import { expectSpec, mountRegistry } from "./helpers.js";
import { startSseUpstream } from "./upstreams.js";

/** The fixed key fixtures/write-loop.ts seals with. */
const WRITE_LOOP_KEY = Buffer.alloc(32, 7);
const root = mkdtempSync(join(tmpdir(), "registry-test-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("registry persistence", () => {
  it("keeps servers, tools and secrets across a restart, in a file only its owner can read", async () => {
    await using upstream = await startSseUpstream();
    const databasePath = join(root, "restart", "nested", "registry.db");
    let id: string;
    let tools: unknown;
    {
      await using api = await mountRegistry({ databasePath });
      const created = await api.request("POST", "/v1/mcp-servers", {
        json: { server_name: "docs", mcp_server_type: "sse", server_url: upstream.url, auth_token: "kept-token" },
      });
      id = created.body.id;
      tools = (await api.request("PATCH", `/v1/mcp-servers/${id}/refresh`)).body.tools;
    }
    expect(statSync(databasePath).mode & 0o777).toBe(0o600);
    await using api = await mountRegistry({ databasePath });
    const listed = await api.request("GET", "/v1/mcp-servers");
    expect(listed.body.map((s: { id: string }) => s.id)).toEqual([id]);
    expectSpec("McpServer", listed.body[0]);
    expect((await api.request("GET", `/v1/mcp-servers/${id}/tools`)).body).toEqual(tools);
    const seen = upstream.headers.length;
    const refreshed = await api.request("PATCH", `/v1/mcp-servers/${id}/refresh`);
    expect(refreshed.body).toMatchObject({ added: [], updated: [], removed: [] });
    expect(upstream.headers.slice(seen).every((h) => h.authorization === "Bearer kept-token")).toBe(true);
  });

  it("survives kill -9 of a process in the middle of writing: intact file, every committed row whole", async () => {
    const databasePath = join(root, "killed", "registry.db");
    const script = fileURLToPath(new URL("./fixtures/write-loop.ts", import.meta.url));
    const child = spawn(process.execPath, ["--import", "tsx", script, databasePath], { stdio: ["ignore", "pipe", "pipe"] });
    const exited = once(child, "exit");
    const committed: string[] = [];
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      let pending = "";
      const timer = setTimeout(() => reject(new Error(`too few writes in 20 s: ${committed.length}. ${stderr}`)), 20_000);
      child.stdout.on("data", (chunk: Buffer) => {
        const lines = (pending + chunk.toString()).split("\n");
        pending = lines.pop() ?? "";
        committed.push(...lines);
        if (committed.length >= 200) {
          clearTimeout(timer);
          child.kill("SIGKILL");
          resolve();
        }
      });
      child.once("exit", () => reject(new Error(`writer exited early: ${stderr}`)));
    });
    const [, signal] = await exited;
    expect(signal).toBe("SIGKILL");

    const db = openDatabase(databasePath);
    try {
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(db.pragma("foreign_key_check")).toEqual([]);
      const servers = new ServerStore(db, new SecretBox(WRITE_LOOP_KEY));
      const toolStore = new ToolStore(db);
      const all = servers.all();
      expect(all.length).toBeGreaterThanOrEqual(committed.length);
      for (const server of all) expectSpec("McpServer", toMcpServer(server));
      for (const id of committed) {
        const server = servers.get(id);
        expect(server?.mcp_server_type === "sse" && server.auth_token).toMatch(/^secret-\d+$/);
        expect(toolStore.list(id).map((tool) => tool.definition.name)).toEqual(["a", "b", "c"]);
      }
    } finally {
      db.close();
    }
  });

  it("migrates by user_version, each step in one transaction, and refuses a newer schema", () => {
    const path = join(root, "migrations", "registry.db");
    openDatabase(path).close();
    const failing = { version: 2, description: "broken", sql: "CREATE TABLE extra (x); SELECT * FROM no_such_table;" };
    expect(() => openDatabase(path, [...migrations, failing])).toThrow(/no such table/);
    const db = openDatabase(path);
    expect(db.pragma("user_version", { simple: true })).toBe(migrations.length);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'extra'").all()).toEqual([]);
    db.pragma("user_version = 99");
    db.close();
    expect(() => openDatabase(path)).toThrow(/schema version 99, newer than this build knows/);
  });
});
