/**
 * The runner calls no tool unasked: against a real SDK server (SSEServerTransport on node:http)
 * whose tools are unannotated or destructive, no tool runs and the tool-call check is "not
 * verified" in every report; a tool named with --tool, or one annotated read-only, is called, and
 * the verdict says which allowed it.
 */
import { createServer, type ServerResponse } from "node:http";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { SSEServerTransport } from "@modelcontextprotocol/sdk/server/sse.js";
import { startServer } from "@mcp-contract/test-helpers";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { renderJunit } from "../src/report/junit.js";
import { renderSarif } from "../src/report/sarif.js";
import { runChecks, type RunOptions } from "../src/runner.js";
import { reportSchemaErrors } from "./report-schemas.js";

interface Calls {
  readonly counts: Map<string, number>;
}

/** An SDK server with `get-env` (no annotations), `wipe` (destructive) and, if asked, `lookup` (read-only). */
async function startSdkServer(withReadOnly: boolean) {
  const calls: Calls = { counts: new Map() };
  const count = (name: string) => calls.counts.set(name, (calls.counts.get(name) ?? 0) + 1);
  const build = (): McpServer => {
    const server = new McpServer({ name: "unsafe-tools", version: "0.0.1" });
    server.registerTool("get-env", { description: "Dumps the environment", inputSchema: {} }, () => {
      count("get-env");
      return { content: [{ type: "text", text: "HOME=/root" }] };
    });
    server.registerTool("wipe", { description: "Deletes everything", inputSchema: {}, annotations: { destructiveHint: true } }, () => {
      count("wipe");
      return { content: [{ type: "text", text: "gone" }] };
    });
    if (withReadOnly) {
      server.registerTool("lookup", { description: "Looks a word up", inputSchema: { word: z.string() }, annotations: { readOnlyHint: true } }, ({ word }) => {
        count("lookup");
        return { content: [{ type: "text", text: word }] };
      });
    }
    return server;
  };
  const transports = new Map<string, SSEServerTransport>();
  const http = createServer((req, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (req.method === "GET" && url.pathname === "/sse") {
      const transport = new SSEServerTransport("/messages", res);
      transports.set(transport.sessionId, transport);
      res.on("close", () => transports.delete(transport.sessionId));
      void build().connect(transport);
      return;
    }
    const transport = transports.get(url.searchParams.get("sessionId") ?? "");
    if (req.method === "POST" && url.pathname === "/messages" && transport) {
      void transport.handlePostMessage(req, res);
      return;
    }
    res.writeHead(404, { "content-type": "text/plain" }).end("not found");
  });
  const running = await startServer(http, { wireContract: false /* an SDK SSEServerTransport peer, not our contract */ });
  return { url: `${running.url}/sse`, calls, [Symbol.asyncDispose]: () => running[Symbol.asyncDispose]() };
}

function run(url: string, options: Partial<RunOptions> = {}) {
  return runChecks({ sseUrl: new URL(url), profile: "auto", headers: {}, credentialHeaders: [], timeoutMs: 2000, ...options });
}

describe("tool calls", () => {
  it("calls no unannotated or destructive tool unasked: the tool-call check is not verified, in every report", async () => {
    await using server = await startSdkServer(false);
    const report = await run(server.url);
    expect([...server.calls.counts.entries()]).toEqual([]);
    const result = report.results.find((r) => r.id === "mcp-tools-call");
    expect(result).toMatchObject({ status: "not-verified", message: expect.stringContaining("--tool NAME") });
    expect(report.summary.notVerified).toBe(1);
    expect(reportSchemaErrors(JSON.parse(JSON.stringify(report)))).toEqual([]);
    expect(renderJunit(report)).toContain('name="mcp-tools-call"');
    expect(renderJunit(report)).toMatch(/<skipped message="not verified: none of the 2 listed tools/);
    const sarif = JSON.parse(renderSarif(report)) as { runs: { results: { ruleId: string; kind: string; level: string }[] }[] };
    expect(sarif.runs[0]?.results.find((r) => r.ruleId === "mcp-tools-call")).toMatchObject({ kind: "review", level: "none" });
  });

  it("calls the tool named with --tool, saying so", async () => {
    await using server = await startSdkServer(false);
    const report = await run(server.url, { only: ["mcp-tools-call"], tool: { name: "get-env", args: {} } });
    expect(report.results.find((r) => r.id === "mcp-tools-call")).toMatchObject({ status: "passed", message: expect.stringContaining("called because named with --tool") });
    expect(server.calls.counts.get("get-env")).toBe(1);
    expect(server.calls.counts.get("wipe")).toBeUndefined();
  });

  it("calls a tool annotated read-only, relying on the server's hint and saying so", async () => {
    await using server = await startSdkServer(true);
    const report = await run(server.url, { only: ["mcp-tools-call"] });
    expect(report.results.find((r) => r.id === "mcp-tools-call")).toMatchObject({ status: "passed", message: expect.stringContaining("readOnlyHint: true (the server's own hint)") });
    expect([...server.calls.counts.keys()]).toEqual(["lookup"]);
  });

  it("fails, naming the listed tools, when --tool names a tool the server does not list", async () => {
    await using server = await startSdkServer(false);
    const report = await run(server.url, { only: ["mcp-tools-call"], tool: { name: "nope" } });
    expect(report.results.find((r) => r.id === "mcp-tools-call")).toMatchObject({ status: "failed", message: expect.stringContaining("it lists get-env, wipe") });
  });
});
