import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { openSseStream, spawnWithUrl } from "@mcp-contract/test-helpers";
import { describe, expect, it } from "vitest";
import { ACCEPT_BOTH, initializeRequest } from "./streamable-harness.js";

const APP_DIR = fileURLToPath(new URL("../..", import.meta.url));
// The Inspector CLI reads `../package.json` relative to its cwd: run it from a directory whose
// parent has one.
const INSPECTOR_CWD = fileURLToPath(new URL("..", import.meta.url));
const INSPECTOR = fileURLToPath(import.meta.resolve("@modelcontextprotocol/inspector-cli/build/cli.js"));
const MAIN = ["--import", "tsx", "src/main.ts"];

/** Runs a command to its end (bounded) and returns its exit code and output. */
function runToExit(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${command} ${args.join(" ")} did not exit in time.\n${stdout}\n${stderr}`));
    }, options.timeoutMs ?? 20_000);
    child.once("error", reject);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function startMain(extraArgs: string[] = [], env: NodeJS.ProcessEnv = {}) {
  return spawnWithUrl(process.execPath, [...MAIN, "--port", "0", ...extraArgs], { cwd: APP_DIR, env: { ...process.env, ...env } });
}

describe.concurrent("main.ts", () => {
  it("prints the base URL and each dialect's SSE URL, serves them, and exits 0 on SIGTERM with a stream open", async ({ expect }) => {
    await using server = await startMain();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const output = server.output();
    expect(output).toContain(`${server.url}/v1/mcp/sse`);
    expect(output).toContain(`${server.url}/_plugins/_ml/mcp/sse`);
    expect(output).toContain(`${server.url}/studio-copilot/api/v1/mcp-servers/mcp/builtin`);
    const stream = await openSseStream(`${server.url}/_plugins/_ml/mcp/sse`);
    await stream.waitFor((event) => event.event === "endpoint");
    expect(await server.stop("SIGTERM")).toBe(0);
    await stream.ended;
    expect(stream.raw()).toMatch(/^event: endpoint\ndata: \/sse\/message\?sessionId=[\w-]+\n\n/);
  });

  it("takes its settings from env (API_KEYS guards the Spice stream) and exits 0 on SIGINT", async ({ expect }) => {
    await using server = await startMain([], { API_KEYS: "env-key" });
    expect((await fetch(`${server.url}/v1/mcp/sse`)).status).toBe(401);
    const stream = await openSseStream(`${server.url}/v1/mcp/sse`, { headers: { "x-api-key": "env-key" } });
    expect(stream.response.status).toBe(200);
    expect(server.output()).not.toContain("env-key");
    expect(await server.stop("SIGINT")).toBe(0);
    await stream.ended;
  });

  // The start-up line names what /mcp serves; a run restricted by --eras must not claim both eras.
  it.for<[string[], string, number]>([
    [[], "2026-07-28 and 2025 sessions", 200],
    [["--eras", "modern"], "2026-07-28 only", 400],
    [["--eras", "legacy"], "2025 sessions only", 200],
  ])("with %j says /mcp serves %s, and initialize gets %i", async ([args, served, initializeStatus], { expect }) => {
    await using server = await startMain(args);
    expect(server.output()).toContain(`  streamable  ${server.url}/mcp (${served}), Spice`);
    const initialize = await fetch(`${server.url}/mcp`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: ACCEPT_BOTH },
      body: JSON.stringify(initializeRequest("2025-06-18", 1)),
    });
    await initialize.body?.cancel();
    expect(initialize.status).toBe(initializeStatus);
    expect(await server.stop("SIGTERM")).toBe(0);
  });

  // Every refusal is covered by parse-config.test.ts; this checks that main.ts turns one into exit 2.
  it.for<[string[], string]>([
    [["--port", "abc"], "--port must be an integer from 0 to 65535, got 'abc'"],
    // Issue 11, finding 1: allowing a program without an operator credential lets anyone run it.
    [["--db", ":memory:", "--allow-stdio", "node"], "--allow-stdio needs an operator credential: start the server with --admin-token"],
  ])(
    "exits 2 on %j with a clear message",
    async ([args, message], { expect }) => {
      const { code, stderr } = await runToExit(process.execPath, [...MAIN, ...args], { cwd: APP_DIR });
      expect(code).toBe(2);
      expect(stderr).toContain(message);
    },
  );

  it("prints --help and exits 0", async ({ expect }) => {
    const { code, stdout } = await runToExit(process.execPath, [...MAIN, "--help"], { cwd: APP_DIR });
    expect(code).toBe(0);
    for (const flag of ["--port", "--host", "--api-key", "--bearer-token", "--allow-origin", "--keep-alive-ms", "--celonis-stream-ms", "--rate-limit-per-minute"]) {
      expect(stdout).toContain(flag);
    }
  });

  it("exits 1 on a port in use, saying what to do next, and 2 on a misspelt option", async ({ expect }) => {
    await using first = await startMain([]);
    const port = new URL(first.url).port;
    const taken = await runToExit(process.execPath, [...MAIN, "--port", port, "--db", ":memory:"], { cwd: APP_DIR });
    expect(taken.code).toBe(1);
    expect(taken.stderr).toBe(
      `reference-server: cannot listen on 127.0.0.1:${port}: EADDRINUSE; another process listens there (a reference server already running?): stop it, or pick another port with --port <n> (--port 0 takes any free one)\n`,
    );
    const misspelt = await runToExit(process.execPath, [...MAIN, "--prot", "8090"], { cwd: APP_DIR });
    expect(misspelt.code).toBe(2);
    expect(misspelt.stderr).toContain("Unknown option '--prot'. Run with --help to see the options.");
  });
});

describe("MCP Inspector CLI", () => {
  const inspect = (args: string[]) => runToExit(process.execPath, [INSPECTOR, "--cli", ...args], { cwd: INSPECTOR_CWD });

  it("lists tools on each dialect's SSE URL and calls echo", async () => {
    await using server = await startMain();
    const paths = ["/v1/mcp/sse", "/_plugins/_ml/mcp/sse", "/studio-copilot/api/v1/mcp-servers/mcp/builtin"];
    const [call, ...lists] = await Promise.all([
      inspect([`${server.url}/v1/mcp/sse`, "--transport", "sse", "--method", "tools/call", "--tool-name", "echo", "--tool-arg", "text=from-inspector"]),
      ...paths.map((path) => inspect([server.url + path, "--transport", "sse", "--method", "tools/list"])),
    ]);
    for (const { code, stdout, stderr } of lists) {
      expect(code, stderr).toBe(0);
      const { tools } = JSON.parse(stdout) as { tools: Array<{ name: string }> };
      expect(tools.map((tool) => tool.name)).toEqual(["echo", "add", "fail", "progress", "image", "throw"]);
    }
    expect(call?.code, call?.stderr).toBe(0);
    expect(JSON.parse(call?.stdout ?? "")).toMatchObject({ content: [{ type: "text", text: "from-inspector" }] });
  });
});
