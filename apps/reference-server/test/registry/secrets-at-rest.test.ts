/**
 * Secrets at rest (issue 11): upstream tokens, custom header values and stdio env values are
 * sealed (AES-256-GCM) in the database file and its WAL, rows written in clear by older builds are
 * sealed at start, a wrong or missing key stops the start with a message naming --secret-key, and
 * --previous-secret-key re-seals everything under a new key.
 */
import { spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { createRegistry, SecretKeyError } from "../../src/registry/index.js";
import { migrations } from "../../src/registry/migrations.js";
import { isSealed, parseSecretKey, SecretBox, sealedKeyId } from "../../src/registry/secret-box.js";
import { mountRegistry } from "./helpers.js";
import { startSseUpstream } from "./upstreams.js";

const TOKEN = "tok-ATREST-5f1c9e2a";
const HEADER_VALUE = "hdr-ATREST-77b0d4c3";
const ENV_VALUE = "env-ATREST-a9e61f08";
const SECRETS = [TOKEN, HEADER_VALUE, ENV_VALUE];

const root = mkdtempSync(join(tmpdir(), "registry-secrets-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const APP_DIR = fileURLToPath(new URL("../..", import.meta.url));

/** The bytes of the database file and its WAL (absent files read as empty). */
function databaseBytes(path: string): Buffer {
  return Buffer.concat([path, `${path}-wal`].map((file) => (existsSync(file) ? readFileSync(file) : Buffer.alloc(0))));
}

function expectNoClearSecrets(path: string, secrets: readonly string[] = SECRETS): void {
  const bytes = databaseBytes(path);
  for (const secret of secrets) {
    expect(bytes.includes(Buffer.from(secret, "utf8")), `${secret} in ${path} or its WAL`).toBe(false);
  }
}

/** The raw secret columns of every server, as the file holds them. */
function rawSecretColumns(path: string): { auth_token: string | null; custom_headers: string | null; env: string | null }[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare("SELECT auth_token, custom_headers, env FROM mcp_servers ORDER BY seq").all() as never;
  } finally {
    db.close();
  }
}

const docsServer = (url: string) => ({
  server_name: "docs-at-rest",
  mcp_server_type: "sse",
  server_url: url,
  auth_token: TOKEN,
  custom_headers: { "X-Secret": HEADER_VALUE },
});

describe("SecretBox", () => {
  const key = randomBytes(32);

  it("round-trips, with a fresh IV per value, and names its format version and key", () => {
    const box = new SecretBox(key);
    const first = box.seal(TOKEN, "mcp_servers/a/auth_token");
    const second = box.seal(TOKEN, "mcp_servers/a/auth_token");
    expect(first).not.toBe(second);
    expect(first).toMatch(/^enc:v1:[0-9a-f]{16}:/);
    expect(first.includes(TOKEN)).toBe(false);
    expect(box.open(first, "mcp_servers/a/auth_token")).toBe(TOKEN);
    expect(box.open(second, "mcp_servers/a/auth_token")).toBe(TOKEN);
    expect(sealedKeyId(first)).toBe(box.keyId);
  });

  it("detects tampering and a value moved to another row or column", () => {
    const box = new SecretBox(key);
    const sealed = box.seal(TOKEN, "mcp_servers/a/auth_token");
    expect(() => box.open(sealed, "mcp_servers/b/auth_token")).toThrow(/fails authentication/);
    expect(() => box.open(sealed, "mcp_servers/a/env")).toThrow(/fails authentication/);
    const body = Buffer.from(sealed.split(":")[3] ?? "", "base64");
    body[14] = (body[14] ?? 0) ^ 1;
    const altered = `${sealed.split(":").slice(0, 3).join(":")}:${body.toString("base64")}`;
    expect(() => box.open(altered, "mcp_servers/a/auth_token")).toThrow(SecretKeyError);
  });

  it("opens values of the previous key, refuses those of an unknown key by name, and seals under the new one", () => {
    const old = new SecretBox(key);
    const sealed = old.seal(TOKEN, "c");
    const next = new SecretBox(randomBytes(32), key);
    expect(next.isCurrent(sealed)).toBe(false);
    expect(next.open(sealed, "c")).toBe(TOKEN);
    expect(sealedKeyId(next.seal(TOKEN, "c"))).toBe(next.keyId);
    expect(() => new SecretBox(randomBytes(32)).open(sealed, "c")).toThrow(/sealed with key [0-9a-f]{16}, but --secret-key/);
  });

  it("reads 32-byte keys in hex or base64 and nothing else", () => {
    expect(parseSecretKey(key.toString("hex"))).toEqual(key);
    expect(parseSecretKey(key.toString("base64"))).toEqual(key);
    expect(parseSecretKey(key.toString("base64url"))).toEqual(key);
    expect(parseSecretKey(randomBytes(16).toString("base64"))).toBeUndefined();
    expect(parseSecretKey("not a key")).toBeUndefined();
    expect(isSealed(TOKEN)).toBe(false);
  });
});

describe("registry secrets at rest", () => {
  it("keeps no clear token, header or env value in the database file or its WAL; the API redacts and the upstream gets them", async () => {
    await using upstream = await startSseUpstream();
    const databasePath = join(root, "fresh", "registry.db");
    {
      await using api = await mountRegistry({ databasePath, stdioAllowlist: ["node"] });
      const created = await api.request("POST", "/v1/mcp-servers", { json: docsServer(upstream.url) });
      expect(created.status, created.text).toBe(201);
      expect(created.body).toMatchObject({ auth_token: "********", custom_headers: { "X-Secret": "********" } });
      const stdio = await api.request("POST", "/v1/mcp-servers", {
        json: { server_name: "stdio-at-rest", mcp_server_type: "stdio", command: "node", args: [join(APP_DIR, "test/registry/fixtures/crash-on-call.mjs")], env: { AT_REST: ENV_VALUE } },
      });
      expect(stdio.status, stdio.text).toBe(201);
      const refreshed = await api.request("PATCH", `/v1/mcp-servers/${created.body.id}/refresh`);
      expect(refreshed.status, refreshed.text).toBe(200);
      expect(upstream.headers.length).toBeGreaterThan(0);
      expect(upstream.headers.every((h) => h.authorization === `Bearer ${TOKEN}` && h["x-secret"] === HEADER_VALUE)).toBe(true);

      // While the server runs the writes sit in the WAL: read both files now, not after a checkpoint.
      expect(existsSync(`${databasePath}-wal`)).toBe(true);
      const bytes = databaseBytes(databasePath);
      expect(bytes.includes(Buffer.from("docs-at-rest")), "the files read are the ones written").toBe(true);
      expectNoClearSecrets(databasePath);
      for (const listed of (await api.request("GET", "/v1/mcp-servers")).body) {
        expect(JSON.stringify(listed)).not.toMatch(/ATREST/);
      }
    }
    for (const row of rawSecretColumns(databasePath)) {
      for (const value of Object.values(row)) if (value !== null) expect(isSealed(value), value).toBe(true);
    }
    const keyFile = `${databasePath}.key`;
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(parseSecretKey(readFileSync(keyFile, "utf8"))).toHaveLength(32);

    // A restart reads the key file back: the upstream still gets the right credential.
    await using api = await mountRegistry({ databasePath, stdioAllowlist: ["node"] });
    const [docs] = (await api.request("GET", "/v1/mcp-servers")).body;
    const seen = upstream.headers.length;
    expect((await api.request("PATCH", `/v1/mcp-servers/${docs.id}/refresh`)).status).toBe(200);
    expect(upstream.headers.length).toBeGreaterThan(seen);
    expect(upstream.headers.slice(seen).every((h) => h.authorization === `Bearer ${TOKEN}` && h["x-secret"] === HEADER_VALUE)).toBe(true);
    expectNoClearSecrets(databasePath);
  });

  it("seals the clear rows of a database written before encryption, leaving no clear bytes behind", async () => {
    await using upstream = await startSseUpstream();
    const databasePath = join(root, "legacy", "registry.db");
    writeLegacyDatabase(databasePath, upstream.url);
    const fixture = databaseBytes(databasePath);
    expect(fixture.includes(Buffer.from(TOKEN)) && fixture.includes(Buffer.from("tok-DELETED-0c4e")), "the fixture really is in clear").toBe(true);

    await using api = await mountRegistry({ databasePath });
    expectNoClearSecrets(databasePath, [TOKEN, HEADER_VALUE, "tok-DELETED-0c4e"]);
    const [docs] = (await api.request("GET", "/v1/mcp-servers")).body;
    expect(docs).toMatchObject({ server_name: "docs-at-rest", auth_token: "********", custom_headers: { "X-Secret": "********" } });
    expect((await api.request("PATCH", `/v1/mcp-servers/${docs.id}/refresh`)).status).toBe(200);
    expect(upstream.headers.length).toBeGreaterThan(0);
    expect(upstream.headers.every((h) => h.authorization === `Bearer ${TOKEN}` && h["x-secret"] === HEADER_VALUE)).toBe(true);
  });

  it("refuses to start with a wrong key, or with no key once the key file is gone, and changes nothing", async () => {
    const databasePath = join(root, "wrong-key", "registry.db");
    const key = randomBytes(32);
    {
      await using api = await mountRegistry({ databasePath, secretKey: key });
      expect((await api.request("POST", "/v1/mcp-servers", { json: docsServer("http://127.0.0.1:9/sse") })).status).toBe(201);
    }
    expect(existsSync(`${databasePath}.key`), "a given key writes no key file").toBe(false);
    const before = rawSecretColumns(databasePath);

    expect(() => createRegistry({ databasePath, secretKey: randomBytes(32) })).toThrow(SecretKeyError);
    expect(() => createRegistry({ databasePath, secretKey: randomBytes(32) })).toThrow(/--secret-key/);
    expect(() => createRegistry({ databasePath })).toThrow(/no key was given and the key file .*registry\.db\.key does not exist.*--secret-key/);
    expect(existsSync(`${databasePath}.key`), "no new key is generated over sealed values").toBe(false);
    expect(rawSecretColumns(databasePath)).toEqual(before);

    // The process: exit code 2 and one line naming the flag, no stack trace.
    const wrong = await runMain(["--db", databasePath, "--secret-key", randomBytes(32).toString("base64")]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/^reference-server: the stored secret .* --secret-key\/SECRET_KEY .*\n$/);
    expect(wrong.stderr).not.toMatch(/\n\s+at /);
    const malformed = await runMain(["--db", databasePath], { SECRET_KEY: "short" });
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain("SECRET_KEY must be 32 bytes in base64 (44 characters) or hex (64 characters)");

    await using api = await mountRegistry({ databasePath, secretKey: key });
    expect((await api.request("GET", "/v1/mcp-servers")).body).toHaveLength(1);
  });

  it("refuses a key file others may read, and a row altered in the file", async () => {
    const databasePath = join(root, "altered", "registry.db");
    {
      await using api = await mountRegistry({ databasePath });
      expect((await api.request("POST", "/v1/mcp-servers", { json: docsServer("http://127.0.0.1:9/sse") })).status).toBe(201);
    }
    const keyFile = `${databasePath}.key`;
    writeFileSync(keyFile, readFileSync(keyFile), { mode: 0o644 });
    chmodSync(keyFile, 0o644);
    expect(() => createRegistry({ databasePath })).toThrow(/may be read by other users \(mode 644\): run chmod 600/);
    chmodSync(keyFile, 0o600);

    const db = new Database(databasePath);
    const [row] = db.prepare("SELECT id, auth_token FROM mcp_servers").all() as { id: string; auth_token: string }[];
    const other = new SecretBox(parseSecretKey(readFileSync(keyFile, "utf8")) as Buffer);
    // Sealed with the right key but for another server: moving values between rows is caught too.
    db.prepare("UPDATE mcp_servers SET auth_token = ?").run(other.seal("planted", "mcp_servers/another/auth_token"));
    db.close();
    expect(row).toBeDefined();
    expect(() => createRegistry({ databasePath })).toThrow(/fails authentication under key [0-9a-f]{16}: the database was altered/);
  });

  it("re-seals every secret under a new key with --previous-secret-key, after which only the new key opens them", async () => {
    await using upstream = await startSseUpstream();
    const databasePath = join(root, "rotation", "registry.db");
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    {
      await using api = await mountRegistry({ databasePath, secretKey: oldKey });
      expect((await api.request("POST", "/v1/mcp-servers", { json: docsServer(upstream.url) })).status).toBe(201);
    }
    const oldId = new SecretBox(oldKey).keyId;
    const newId = new SecretBox(newKey).keyId;
    expect(rawSecretColumns(databasePath).flatMap((row) => [row.auth_token, row.custom_headers]).map((v) => sealedKeyId(v ?? ""))).toEqual([oldId, oldId]);

    // The rotation start: the new key seals, the old one only opens.
    createRegistry({ databasePath, secretKey: newKey, previousSecretKey: oldKey }).close();
    expect(rawSecretColumns(databasePath).flatMap((row) => [row.auth_token, row.custom_headers]).map((v) => sealedKeyId(v ?? ""))).toEqual([newId, newId]);
    expectNoClearSecrets(databasePath);
    expect(() => createRegistry({ databasePath, secretKey: oldKey })).toThrow(new RegExp(`sealed with key ${newId}, but --secret-key/SECRET_KEY is key ${oldId}`));

    await using api = await mountRegistry({ databasePath, secretKey: newKey });
    const [docs] = (await api.request("GET", "/v1/mcp-servers")).body;
    expect((await api.request("PATCH", `/v1/mcp-servers/${docs.id}/refresh`)).status).toBe(200);
    expect(upstream.headers.length).toBeGreaterThan(0);
    expect(upstream.headers.every((h) => h.authorization === `Bearer ${TOKEN}` && h["x-secret"] === HEADER_VALUE)).toBe(true);
  });

  it("rotates a generated key file: move it aside, pass it as --previous-secret-key, and a new file is written", async () => {
    const databasePath = join(root, "file-rotation", "registry.db");
    {
      await using api = await mountRegistry({ databasePath });
      expect((await api.request("POST", "/v1/mcp-servers", { json: docsServer("http://127.0.0.1:9/sse") })).status).toBe(201);
    }
    const keyFile = `${databasePath}.key`;
    const oldKey = parseSecretKey(readFileSync(keyFile, "utf8")) as Buffer;
    rmSync(keyFile);
    createRegistry({ databasePath, previousSecretKey: oldKey }).close();
    const newKey = parseSecretKey(readFileSync(keyFile, "utf8")) as Buffer;
    expect(newKey.equals(oldKey)).toBe(false);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const newId = new SecretBox(newKey).keyId;
    expect(sealedKeyId(rawSecretColumns(databasePath)[0]?.auth_token ?? "")).toBe(newId);
    await using api = await mountRegistry({ databasePath });
    expect((await api.request("GET", "/v1/mcp-servers")).body).toHaveLength(1);
  });
});

/**
 * A database as builds before encryption wrote it: schema version 1, secrets in clear, one of
 * them in a row deleted since (its bytes linger in free pages unless the start scrubs them).
 */
function writeLegacyDatabase(path: string, url: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.exec(migrations[0]?.sql ?? "");
  db.pragma("user_version = 1");
  const now = new Date().toISOString();
  const insert = db.prepare(
    `INSERT INTO mcp_servers (id, server_name, mcp_server_type, server_url, auth_token, custom_headers, created_at, updated_at)
     VALUES (?, ?, 'sse', ?, ?, ?, ?, ?)`,
  );
  insert.run(`mcp_server-${randomUUID()}`, "docs-at-rest", url, TOKEN, JSON.stringify({ "X-Secret": HEADER_VALUE }), now, now);
  insert.run(`mcp_server-${randomUUID()}`, "deleted", url, "tok-DELETED-0c4e", null, now, now);
  db.prepare("DELETE FROM mcp_servers WHERE server_name = 'deleted'").run();
  db.pragma("wal_checkpoint(PASSIVE)");
  db.close();
}

/** Runs the server's main.ts to its exit (bounded) and returns its code and stderr. */
function runMain(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts", "--port", "0", ...args], {
      cwd: APP_DIR,
      env: { ...process.env, SECRET_KEY: "", PREVIOUS_SECRET_KEY: "", ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`main.ts did not exit in time: ${stderr}`));
    }, 20_000);
    child.once("error", reject);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}
