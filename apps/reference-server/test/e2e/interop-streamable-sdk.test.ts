/**
 * The official SDK v1 client (`StreamableHTTPClientTransport` + `Client`) against our legacy
 * Streamable HTTP sessions: initialize, tools, progress, errors, the GET stream it opens by
 * itself, a request resumed on a new connection with `Last-Event-ID`, and terminateSession; and
 * the MCP Inspector CLI over `--transport http`.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import type { IncomingMessage } from "node:http";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { CallToolResultSchema } from "@modelcontextprotocol/sdk/types.js";
import { describe, expect, it } from "vitest";
import { StreamableSession } from "../../src/streamable/streamable-session.js";
import { startApp } from "./harness.js";
import { GateTools } from "./streamable-harness.js";

const PATHS = ["/mcp", "/v1/mcp"];

async function connect(url: string, options: ConstructorParameters<typeof StreamableHTTPClientTransport>[1] = {}) {
  const transport = new StreamableHTTPClientTransport(new URL(url), options);
  const client = new Client({ name: "sdk-v1-interop", version: "1.0.0" });
  await client.connect(transport);
  return { client, transport };
}

describe.each(PATHS)("official SDK v1 StreamableHTTPClientTransport on %s", (path) => {
  it("initializes a session, opens its GET stream, lists and calls tools, and terminates the session", async () => {
    await using server = await startApp();
    const url = server.url + path;
    const getStream = new Promise<boolean>((resolve) => {
      server.app.server.on("request", (req: IncomingMessage) => {
        // The app's own listener ran first: the stream is attached by now, or it never will be.
        if (req.method !== "GET") return;
        const id = req.headers["mcp-session-id"];
        const session = typeof id === "string" ? server.app.sessions.get(id) : undefined;
        resolve(session instanceof StreamableSession && session.standalone?.attached === true);
      });
    });
    const { client, transport } = await connect(url);
    expect(transport.sessionId).toMatch(/^[\x21-\x7e]{22,}$/);
    expect(client.getServerVersion()).toEqual({ name: "mcp-contract-reference-server", version: "0.1.0" });
    expect(await getStream).toBe(true);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(expect.arrayContaining(["echo", "add", "progress"]));
    expect(await client.callTool({ name: "echo", arguments: { text: "interop" } })).toMatchObject({
      content: [{ type: "text", text: "interop" }],
      structuredContent: { text: "interop" },
    });
    const progress: number[] = [];
    await client.callTool({ name: "progress", arguments: { steps: 3 } }, undefined, { onprogress: (p) => progress.push(p.progress) });
    expect(progress).toEqual([1, 2, 3]);
    expect(await client.callTool({ name: "fail", arguments: {} })).toMatchObject({ isError: true });
    // The SDK negotiates 2025-11-25, where bad arguments are a tool execution error (SEP-1303).
    expect(await client.callTool({ name: "echo", arguments: { text: 1 } })).toMatchObject({
      isError: true,
      content: [{ type: "text", text: expect.stringContaining("/text must be string") }],
    });
    expect(await client.ping()).toEqual({});
    const closed = once(server.app.sessions, "close");
    await transport.terminateSession();
    await closed;
    expect(transport.sessionId).toBeUndefined();
    expect(server.app.sessions.size).toBe(0);
    await client.close();
    expect(server.logs).toEqual([]);
  });

  it("negotiates the SDK's newest revision and sends it on every request", async () => {
    await using server = await startApp();
    const versions = new Set<string>();
    server.app.server.on("request", (req: IncomingMessage) => {
      const version = req.headers["mcp-protocol-version"];
      if (typeof version === "string") versions.add(version);
    });
    const { client, transport } = await connect(server.url + path);
    await client.listTools();
    const session = server.app.sessions.get(transport.sessionId!);
    expect(session?.protocolVersion).toBe("2025-11-25");
    expect([...versions]).toEqual(["2025-11-25"]);
    await transport.terminateSession();
    await client.close();
  });

  it("resumes a request on a new connection with its resumption token and gets the answer", async () => {
    const gates = new GateTools();
    await using server = await startApp({ toolSources: [gates] });
    const url = server.url + path;
    const first = await connect(url);
    const sessionId = first.transport.sessionId!;
    const tokens: string[] = [];
    let progressed!: () => void;
    const firstProgress = new Promise<void>((resolve) => (progressed = resolve));
    const interrupted = first.client
      .request({ method: "tools/call", params: { name: "gate", arguments: {} } }, CallToolResultSchema, {
        onprogress: () => progressed(),
        onresumptiontoken: (token) => tokens.push(token),
      })
      .then(
        () => "answered",
        () => "interrupted",
      );
    await firstProgress;
    // The connection drops (the client goes away); the session and the request live on.
    await first.transport.close();
    expect(await interrupted).toBe("interrupted");
    const call = await gates.started(0);
    expect(call.signal.aborted).toBe(false);
    call.open();
    await call.settled;

    const second = await connect(url, { sessionId });
    const result = await second.client.request({ method: "tools/call", params: { name: "gate", arguments: {} } }, CallToolResultSchema, {
      resumptionToken: tokens.at(-1)!,
    });
    expect(result.content).toEqual([{ type: "text", text: "through" }]);
    expect(gates.calls).toHaveLength(1);
    await second.transport.terminateSession();
    await second.client.close();
  });
});

/** Runs the Inspector CLI (`--cli`) to its end, bounded, from a directory whose parent has a package.json (it reads one). */
function inspect(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const cli = fileURLToPath(import.meta.resolve("@modelcontextprotocol/inspector-cli/build/cli.js"));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, "--cli", ...args], { cwd: fileURLToPath(new URL("..", import.meta.url)), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the Inspector CLI did not exit in time.\n${stdout}\n${stderr}`));
    }, 20_000);
    child.once("error", reject);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe.each(PATHS)("MCP Inspector CLI --transport http on %s", (path) => {
  it("lists the tools and calls echo, each in a session of its own", async () => {
    await using server = await startApp();
    const url = server.url + path;
    const [list, call] = await Promise.all([
      inspect([url, "--transport", "http", "--method", "tools/list"]),
      inspect([url, "--transport", "http", "--method", "tools/call", "--tool-name", "echo", "--tool-arg", "text=from-inspector"]),
    ]);
    expect(list.code, list.stderr).toBe(0);
    const { tools } = JSON.parse(list.stdout) as { tools: Array<{ name: string }> };
    expect(tools.map((tool) => tool.name)).toEqual(["echo", "add", "fail", "progress", "image", "throw"]);
    expect(call.code, call.stderr).toBe(0);
    expect(JSON.parse(call.stdout)).toMatchObject({ content: [{ type: "text", text: "from-inspector" }] });
    expect(server.logs).toEqual([]);
  });
});
