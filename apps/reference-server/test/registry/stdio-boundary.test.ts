/**
 * The stdio boundary (issue 11, findings 1 and 2): only the operator's programs run, resolved on the
 * server's own PATH; interpreter code flags, scripts outside the allowed directories and env keys
 * that change what runs are refused at create, at PATCH and at spawn, and nothing is spawned.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createRegistry } from "../../src/registry/index.js";
import { childPids, expectApiError, mountRegistry, TEST_SCRIPT_DIRS, type MountedRegistry } from "./helpers.js";
import { CRASH_FIXTURE, EVERYTHING } from "./upstreams.js";

const scratch = mkdtempSync(join(tmpdir(), "stdio-boundary-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** An executable file named `name` that a registrant might hope the gateway runs. */
function planted(name: string): string {
  const dir = mkdtempSync(join(scratch, "bin-"));
  const file = join(dir, name);
  writeFileSync(file, `#!/bin/sh\necho planted >&2\n`);
  chmodSync(file, 0o755);
  return file;
}

async function create(api: MountedRegistry, body: Record<string, unknown>) {
  return api.request("POST", "/v1/mcp-servers", { json: { server_name: `s${Math.random().toString(36).slice(2, 10)}`, mcp_server_type: "stdio", ...body } });
}

async function refused(api: MountedRegistry, body: Record<string, unknown>, field: string): Promise<string> {
  const answer = expectApiError(await create(api, body), 403, "forbidden");
  expect(answer.errors?.map((error) => error.field), answer.detail).toContain(field);
  return answer.detail;
}

describe("the stdio boundary", () => {
  it("refuses interpreter code flags, foreign scripts and files merely named like an allowed program", async () => {
    await using api = await mountRegistry({ stdioAllowlist: ["node"] });
    const before = childPids();
    for (const flag of ["-e", "--eval", "-p", "--print", "-r", "--require", "--import", "--loader", "--eval=1", "--inspect", "-"]) {
      expect(await refused(api, { command: "node", args: [flag, "process.exit(7)"] }, "/args/0"), flag).toContain("run code");
    }
    const evil = join(scratch, "evil.js");
    writeFileSync(evil, "process.exit(9)\n");
    expect(await refused(api, { command: "node", args: [evil] }, "/args/0")).toContain("--stdio-script-dir");
    await refused(api, { command: "node", args: ["relative/script.js"] }, "/args/0");
    await refused(api, { command: "node", args: [] }, "/args");
    for (const command of [planted("node"), "./node", "../../x/node", "nodejs", "/bin/sh"]) {
      await refused(api, { command, args: [CRASH_FIXTURE] }, "/command");
    }
    expect(childPids()).toEqual(before);
  });

  it("refuses env keys that change what runs, and PATCH re-checks command, args and env together", async () => {
    await using api = await mountRegistry({ stdioAllowlist: ["node"] });
    for (const key of ["PATH", "NODE_OPTIONS", "NODE_PATH", "LD_PRELOAD", "LD_LIBRARY_PATH", "DYLD_INSERT_LIBRARIES", "PYTHONPATH", "PYTHONSTARTUP", "BASH_ENV", "path"]) {
      const detail = await refused(api, { command: "node", args: [CRASH_FIXTURE], env: { [key]: "/tmp" } }, `/env/${key}`);
      expect(detail).toContain("changes which program runs");
    }
    const ok = await create(api, { command: "node", args: [CRASH_FIXTURE], env: { CRASH_SECRET: "fine" } });
    expect(ok.status, ok.text).toBe(201);
    const path = `/v1/mcp-servers/${ok.body.id}`;
    const stored = (await api.request("GET", path)).body;
    const patches = [
      { json: { args: ["-e", "process.exit(7)"] }, field: "/args/0" },
      { json: { env: { NODE_OPTIONS: `--require ${join(scratch, "evil.js")}` } }, field: "/env/NODE_OPTIONS" },
      { json: { command: planted("node") }, field: "/command" },
      { json: { args: [join(scratch, "evil.js")] }, field: "/args/0" },
    ];
    for (const patch of patches) {
      const answer = expectApiError(await api.request("PATCH", path, { json: patch.json }), 403, "forbidden");
      expect(answer.errors?.map((error) => error.field)).toContain(patch.field);
    }
    expect((await api.request("GET", path)).body).toEqual(stored);
  });

  it("runs the resolved program in the fixed working directory, whatever the registrant's spelling", async () => {
    const cwd = mkdtempSync(join(scratch, "cwd-"));
    await using api = await mountRegistry({ stdioAllowlist: ["node"], stdioCwd: cwd });
    const created = await create(api, { command: "node", args: [CRASH_FIXTURE] });
    expect(created.status, created.text).toBe(201);
    const id = created.body.id as string;
    expect((await api.request("PATCH", `/v1/mcp-servers/${id}/refresh`)).status).toBe(200);
    const ran = await api.request("POST", `/v1/mcp-servers/${id}/tools/cwd/run`, { json: {} });
    const seen = JSON.parse(ran.body.content[0].text) as { cwd: string; execPath: string; argv: string[] };
    expect(seen.cwd).toBe(cwd);
    expect(seen.argv).toEqual([]);
    // The absolute path the server resolved is an accepted spelling of the same program.
    expect((await create(api, { command: seen.execPath, args: [CRASH_FIXTURE] })).status).toBe(201);
  });

  it("runs a named template with its fixed prefix, and appends the registrant's arguments after it", async () => {
    await using api = await mountRegistry({ stdioAllowlist: [`everything=node ${EVERYTHING}`], stdioScriptDirs: [] });
    const created = await create(api, { command: "everything", args: ["stdio"] });
    expect(created.status, created.text).toBe(201);
    const refreshed = await api.request("PATCH", `/v1/mcp-servers/${created.body.id}/refresh`);
    expect(refreshed.status, refreshed.text).toBe(200);
    expect(refreshed.body.added).toContain("echo");
    // The template names a program, not the interpreter: `node` itself stays refused.
    await refused(api, { command: "node", args: [EVERYTHING] }, "/command");
  });

  it("allows code flags only when the operator says so, and refuses shells' and Python's too", async () => {
    await using open = await mountRegistry({ stdioAllowlist: ["node"], stdioAllowCodeFlags: true });
    expect((await create(open, { command: "node", args: ["-e", "1", CRASH_FIXTURE] })).status).toBe(201);
    await using shells = await mountRegistry({ stdioAllowlist: ["sh"] });
    await refused(shells, { command: "sh", args: ["-c", "id"] }, "/args/0");
    await refused(shells, { command: "sh", args: ["-ec", "id"] }, "/args/0");
    await refused(shells, { command: "sh", args: ["-s"] }, "/args/0");
  });

  it("refuses to start with an entry it cannot resolve on its own PATH", () => {
    expect(() => createRegistry({ databasePath: ":memory:", adminTokens: ["op"], stdioAllowlist: ["definitely-not-a-command-xyz"] })).toThrow(
      /no executable 'definitely-not-a-command-xyz' on the server's PATH/,
    );
    expect(() => createRegistry({ databasePath: ":memory:", adminTokens: ["op"], stdioAllowlist: ["node"], stdioScriptDirs: ["relative"] })).toThrow(/--stdio-script-dir/);
    expect(TEST_SCRIPT_DIRS.length).toBe(2);
  });
});
