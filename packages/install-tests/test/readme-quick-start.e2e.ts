/**
 * The root README's Quick start, word for word, in a fresh clone: `git clone` of this repository's
 * HEAD into a temporary folder, nothing carried over (no node_modules, no dist, no turbo cache, no
 * npm_* settings of the npm running this test), then the README's lines in order: its install,
 * its start (with PORT=0, the README's own variable, instead of 8090: waiting on the "listening"
 * line), each of its `npx mcp-contract check` lines with that port, a rebuild (`npm run build`),
 * and `npx mcp-contract --version`. `npm test` (also in that block) is not run here: it would run
 * this very suite. npm prefers its cache (npm_config_prefer_offline), so only metadata it lacks is
 * asked of the registry. Slow (a full install and build): `npm run test:readme`, not `npm test`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { describeRun, runCommand, userEnv } from "./npm-env.js";
import { readQuickStart } from "./quick-start-steps.js";

const REPO = fileURLToPath(new URL("../../../", import.meta.url));
const MINUTE = 60_000;
const scratch = mkdtempSync(join(tmpdir(), "mcp-contract-readme-"));
const clone = join(scratch, "clone");
const quickStart = readQuickStart(join(REPO, "README.md"));
// The clone's own npm settings: its cache first, no audit, no funding notes, no telemetry.
const env = userEnv({ npm_config_prefer_offline: "true", TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" });
const inClone = (line: string, timeoutMs: number) => runCommand("sh", ["-c", line], { cwd: clone, timeoutMs, env });

let server: { child: ChildProcess; address: string; output: () => string } | undefined;

/** Starts the README's start command in its own process group and resolves with the address it prints. */
async function startServer(command: string): Promise<NonNullable<typeof server>> {
  const child = spawn("sh", ["-c", command], { cwd: clone, env: { ...env, PORT: "0" }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  const address = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "listening on" line in 5 min:\n${output}`)), 5 * MINUTE);
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const match = /listening on http:\/\/([\d.]+:\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited (${code}) before listening:\n${output}`));
    });
  });
  return { child, address, output: () => output };
}

/** npm, sh, turbo and node all run in the group: signal every one, then make sure none is left. */
async function stopServer(): Promise<void> {
  const pid = server?.child.pid;
  if (!server || pid === undefined) return;
  const exited = server.child.exitCode === null && server.child.signalCode === null ? once(server.child, "exit") : Promise.resolve();
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // The group is already gone.
    }
  };
  signalGroup("SIGTERM");
  const force = setTimeout(() => signalGroup("SIGKILL"), 10_000);
  await exited;
  clearTimeout(force);
  signalGroup("SIGKILL");
  server = undefined;
}

afterAll(async () => {
  await stopServer();
  rmSync(scratch, { recursive: true, force: true });
}, MINUTE);

describe("the README's Quick start in a fresh clone", () => {
  it("is install, then start, then checks on 127.0.0.1:8090", () => {
    expect(quickStart.setup).toEqual(["npm install", "npm start"]);
    expect(quickStart.address).toBe("127.0.0.1:8090");
    expect(quickStart.checks.length).toBeGreaterThan(0);
    for (const line of quickStart.checks) expect(line).toContain(quickStart.address);
  });

  it("clones the repository's HEAD, with nothing built or installed", async () => {
    const result = await runCommand("git", ["clone", "--quiet", "--no-hardlinks", REPO, clone], { cwd: scratch, timeoutMs: MINUTE, env });
    expect(result.code, describeRun("git clone", result)).toBe(0);
    const head = await runCommand("git", ["rev-parse", "HEAD"], { cwd: REPO, timeoutMs: MINUTE });
    const cloned = await runCommand("git", ["rev-parse", "HEAD"], { cwd: clone, timeoutMs: MINUTE });
    expect(cloned.stdout).toBe(head.stdout);
    const untracked = await runCommand("git", ["status", "--porcelain", "--ignored"], { cwd: clone, timeoutMs: MINUTE });
    expect(untracked.stdout).toBe("");
  }, MINUTE);

  it(`installs: ${quickStart.setup[0]}`, async () => {
    const result = await inClone(quickStart.setup[0] ?? "", 8 * MINUTE);
    expect(result.code, describeRun(quickStart.setup[0] ?? "", result)).toBe(0);
    // A newcomer's first command prints no warning about their Node version.
    expect(result.stderr).not.toMatch(/EBADENGINE/);
  }, 8 * MINUTE);

  it(`starts: ${quickStart.setup[1]} (PORT=0), printing where it listens`, async () => {
    server = await startServer(quickStart.setup[1] ?? "");
    expect(server.address).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(server.address).not.toBe(quickStart.address);
  }, 6 * MINUTE);

  it.each(quickStart.checks)("runs %s, and it passes", async (line) => {
    expect(server, "the server did not start").toBeDefined();
    const command = line.replaceAll(quickStart.address, server?.address ?? "");
    const result = await inClone(command, 3 * MINUTE);
    expect(result.code, describeRun(command, result)).toBe(0);
    expect(result.stdout).toMatch(/^PASS [1-9]\d* passed, 0 failed/m);
  }, 3 * MINUTE);

  it("rebuilds with npm run build, and npx mcp-contract still runs", async () => {
    await stopServer();
    const build = await inClone("npm run build", 8 * MINUTE);
    expect(build.code, describeRun("npm run build", build)).toBe(0);
    const version = await inClone("npx mcp-contract --version", MINUTE);
    const { version: expected } = JSON.parse(readFileSync(join(clone, "conformance/package.json"), "utf8")) as { version: string };
    expect(version, describeRun("npx mcp-contract --version", version)).toMatchObject({ code: 0, stdout: `${expected}\n` });
  }, 10 * MINUTE);
});
