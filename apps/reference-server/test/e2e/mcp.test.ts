import { SUPPORTED_PROTOCOL_VERSIONS, type CallToolResult, type Tool } from "@mcp-contract/api-types";
import { describe, expect, it } from "vitest";
import type { ToolSource } from "../../src/tools/tool-source.js";
import { CHANNELS } from "./channels.js";
import { CELONIS_BUILTIN, SSE_DIALECTS, expectSpec, expectValidStream, openSession, post, startApp } from "./harness.js";

const BUILTIN_NAMES = ["echo", "add", "fail", "progress", "image", "throw"];
const clientInfo = { name: "mcp-test", version: "1.0.0" };

describe.each(CHANNELS)("MCP methods over $name", (kind) => {
  it.each([...SUPPORTED_PROTOCOL_VERSIONS, "1999-01-01"])("initialize %s negotiates the revision", async (requested) => {
    await using server = await startApp();
    await using channel = await kind.open(server.url);
    const answer = (await channel.send({
      jsonrpc: "2.0",
      id: 0,
      method: "initialize",
      params: { protocolVersion: requested, capabilities: {}, clientInfo },
    })) as { result: unknown };
    expectSpec("message", "InitializeResult", answer.result);
    const expected = (SUPPORTED_PROTOCOL_VERSIONS as readonly string[]).includes(requested) ? requested : "2025-06-18";
    expect(answer.result).toEqual({
      protocolVersion: expected,
      capabilities: { tools: { listChanged: false } },
      serverInfo: { name: "mcp-contract-reference-server", version: "0.1.0" },
    });
  });

  it("lists the built-in tools, each valid against the Tool schema", async () => {
    await using server = await startApp();
    await using channel = await kind.open(server.url);
    const { result } = (await channel.send({ jsonrpc: "2.0", id: 1, method: "tools/list" })) as { result: { tools: Tool[]; nextCursor?: string } };
    expectSpec("message", "ListToolsResult", result);
    expect(result.tools.map((tool) => tool.name)).toEqual(BUILTIN_NAMES);
    expect(result.nextCursor).toBeUndefined();
  });

  it("pages tools/list with opaque cursors", async () => {
    await using server = await startApp({ config: { pageSize: 4 } });
    await using channel = await kind.open(server.url);
    const first = (await channel.send({ jsonrpc: "2.0", id: 1, method: "tools/list", params: {} })) as { result: { tools: Tool[]; nextCursor: string } };
    expect(first.result.tools.map((t) => t.name)).toEqual(BUILTIN_NAMES.slice(0, 4));
    expect(typeof first.result.nextCursor).toBe("string");
    const second = (await channel.send({ jsonrpc: "2.0", id: 2, method: "tools/list", params: { cursor: first.result.nextCursor } })) as {
      result: { tools: Tool[]; nextCursor?: string };
    };
    expect(second.result.tools.map((t) => t.name)).toEqual(BUILTIN_NAMES.slice(4));
    expect(second.result.nextCursor).toBeUndefined();
  });

  it.each([
    ["echo", { text: "héllo\nworld" }, { content: [{ type: "text", text: "héllo\nworld" }], structuredContent: { text: "héllo\nworld" } }],
    ["add", { a: 0.5, b: -2 }, { content: [{ type: "text", text: "-1.5" }], structuredContent: { sum: -1.5 } }],
    ["fail", { message: "disk full" }, { content: [{ type: "text", text: "disk full" }], isError: true }],
  ])("calls %s", async (name, args, expected) => {
    await using server = await startApp();
    await using channel = await kind.open(server.url);
    const { result } = (await channel.send({ jsonrpc: "2.0", id: 3, method: "tools/call", params: { name, arguments: args } })) as { result: CallToolResult };
    expectSpec("message", "CallToolResult", result);
    expect(result).toEqual(expected);
  });

  it("returns image content from image", async () => {
    await using server = await startApp();
    await using channel = await kind.open(server.url);
    const { result } = (await channel.send({ jsonrpc: "2.0", id: 4, method: "tools/call", params: { name: "image", arguments: {} } })) as { result: CallToolResult };
    expectSpec("message", "CallToolResult", result);
    const image = result.content[0] as { type: string; data: string; mimeType: string };
    expectSpec("message", "ImageContent", image);
    expect(image.mimeType).toBe("image/png");
    expect(Buffer.from(image.data, "base64").subarray(1, 4).toString("latin1")).toBe("PNG");
  });
});

describe("progress notifications", () => {
  it.each(SSE_DIALECTS)("$name: streams notifications/progress before the result when asked", async (dialect) => {
    await using server = await startApp();
    await using session = await openSession(server.url, dialect);
    const answer = await session.request("p", "tools/call", { name: "progress", arguments: { steps: 3 }, _meta: { progressToken: "tok" } });
    expect(answer.result).toEqual({ content: [{ type: "text", text: "Completed 3 steps." }] });
    const messages = session.messages();
    expect(messages).toHaveLength(4);
    expect(messages.slice(0, 3)).toEqual(
      [1, 2, 3].map((progress) => ({
        jsonrpc: "2.0",
        method: "notifications/progress",
        params: { progressToken: "tok", progress, total: 3, message: `Step ${progress} of 3` },
      })),
    );
    expectValidStream(session.stream);
  });

  it("sends none without a progressToken", async () => {
    await using server = await startApp();
    await using session = await openSession(server.url, SSE_DIALECTS[0]!);
    await session.request(9, "tools/call", { name: "progress", arguments: { steps: 2 } });
    expect(session.messages()).toHaveLength(1);
  });

  it("rejects steps outside 1..20 with -32602", async () => {
    await using server = await startApp();
    await using session = await openSession(server.url, SSE_DIALECTS[0]!);
    const answer = await session.request(9, "tools/call", { name: "progress", arguments: { steps: 21 } });
    expect(answer.error).toMatchObject({ code: -32602, message: "Invalid params for tool progress: /steps must be <= 20" });
  });

  it("Celonis: sends progress on the asset's stream named by sessionId", async () => {
    await using server = await startApp();
    await using session = await openSession(server.url, { name: "Celonis", streamPath: CELONIS_BUILTIN, endpointPrefix: "?sessionId=", postUrl: (b, d) => b + CELONIS_BUILTIN + d });
    const response = await post(session.postUrl, { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "progress", arguments: { steps: 2 }, _meta: { progressToken: 7 } } });
    expect(response.status).toBe(200);
    expect(response.json()).toMatchObject({ id: 1, result: { content: [{ text: "Completed 2 steps." }] } });
    await session.stream.waitFor((e) => e.event === "message" && e.data.includes('"id":1'));
    expect(session.messages().map((m) => (m as { method?: string }).method ?? "answer")).toEqual([
      "notifications/progress",
      "notifications/progress",
      "answer",
    ]);
    expectValidStream(session.stream);
  });
});

/** A tool source serving one Celonis asset with one tool, and nothing in scope `all`. */
function assetSource(assetId: string): ToolSource {
  const tool: Tool = { name: "search_data", description: "Searches.", inputSchema: { type: "object", properties: { q: { type: "string" } }, required: ["q"] } };
  return {
    hasAsset: (id) => id === assetId,
    listTools: (scope) => (scope.kind === "asset" && scope.assetId === assetId ? [tool] : []),
    callTool: async (scope, name, args) =>
      scope.kind === "asset" && scope.assetId === assetId && name === "search_data"
        ? { content: [{ type: "text", text: `found ${String(args["q"])}` }], isError: false }
        : undefined,
  };
}

describe("tool sources and Celonis assets", () => {
  const asset = "mcp_server-56b10c32-97c5-4060-8e3d-12e040f889f2";
  const assetUrl = (base: string) => `${base}/studio-copilot/api/v1/mcp-servers/mcp/${asset}`;

  it("serves an asset that a plugged-in source has, with exactly its tools", async () => {
    await using server = await startApp({ toolSources: [assetSource(asset)] });
    const list = await post(assetUrl(server.url), { jsonrpc: "2.0", id: 1, method: "tools/list" });
    expect((list.json() as { result: { tools: Tool[] } }).result.tools.map((t) => t.name)).toEqual(["search_data"]);
    const call = await post(assetUrl(server.url), { jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "search_data", arguments: { q: "x" } } });
    expect(call.json()).toEqual({ jsonrpc: "2.0", id: 2, result: { content: [{ type: "text", text: "found x" }], isError: false } });
    const echo = await post(assetUrl(server.url), { jsonrpc: "2.0", id: 3, method: "tools/call", params: { name: "echo", arguments: { text: "x" } } });
    expect(echo.json()).toMatchObject({ id: 3, error: { code: -32602, message: "Unknown tool: echo" } });
    const stream = await fetch(assetUrl(server.url), { signal: AbortSignal.timeout(5_000) });
    expect(stream.status).toBe(200);
    await stream.body?.cancel();
  });

  it("keeps the built-in asset to the built-in tools", async () => {
    await using server = await startApp({ toolSources: [assetSource(asset)] });
    const list = await post(server.url + CELONIS_BUILTIN, { jsonrpc: "2.0", id: 1, method: "tools/list" });
    expect((list.json() as { result: { tools: Tool[] } }).result.tools.map((t) => t.name)).toEqual(BUILTIN_NAMES);
  });

  it("404s an asset no source has", async () => {
    await using server = await startApp({ toolSources: [assetSource(asset)] });
    const response = await post(`${server.url}/studio-copilot/api/v1/mcp-servers/mcp/other`, { jsonrpc: "2.0", id: 1, method: "tools/list" });
    expect(response.status).toBe(404);
    expect(response.json()).toEqual({ detail: "Asset not found or not accessible." });
  });

  it("lists every source's tools on the SSE dialects, built-ins first", async () => {
    const extra: ToolSource = {
      hasAsset: () => false,
      listTools: () => [{ name: "everything__echo", inputSchema: { type: "object" } }],
      callTool: async (_scope, name) => (name === "everything__echo" ? { content: [{ type: "text", text: "upstream" }] } : undefined),
    };
    await using server = await startApp({ toolSources: [extra] });
    await using session = await openSession(server.url, SSE_DIALECTS[0]!);
    const list = await session.request(1, "tools/list");
    expect((list.result as { tools: Tool[] }).tools.map((t) => t.name)).toEqual([...BUILTIN_NAMES, "everything__echo"]);
    const call = await session.request(2, "tools/call", { name: "everything__echo", arguments: {} });
    expect(call.result).toEqual({ content: [{ type: "text", text: "upstream" }] });
  });
});

describe("plugged-in routes", () => {
  it("are tried for paths the app does not own, in order", async () => {
    const seen: string[] = [];
    await using server = await startApp({
      routes: [
        (_req, _res, url) => {
          seen.push(`first ${url.pathname}`);
          return false;
        },
        async (_req, res, url) => {
          if (url.pathname !== "/v1/mcp-servers/") return false;
          res.writeHead(200, { "content-type": "application/json" }).end("[]");
          return true;
        },
      ],
    });
    const hit = await fetch(`${server.url}/v1/mcp-servers/?limit=1`);
    expect(hit.status).toBe(200);
    expect(await hit.json()).toEqual([]);
    const miss = await fetch(`${server.url}/nothing`);
    expect(miss.status).toBe(404);
    expect(seen).toEqual(["first /v1/mcp-servers/", "first /nothing"]);
    // The app's own paths never reach them.
    await (await fetch(`${server.url}/v1/mcp/sse`, { method: "DELETE" })).text();
    expect(seen).toHaveLength(2);
  });

  it("turn a throwing route into a 500 with no details", async () => {
    await using server = await startApp({
      routes: [
        () => {
          throw new Error("secret internals");
        },
      ],
    }, { wireContract: false /* the test's own throwing route, on a path no spec has */ });
    const response = await fetch(`${server.url}/boom`);
    expect(response.status).toBe(500);
    const body = await response.text();
    expect(body).not.toContain("secret internals");
    expectSpec("registry", "ApiError", JSON.parse(body));
    expect(server.logs.join("\n")).toContain("secret internals");
  });
});

describe("unexpected failures before a handler", () => {
  it("answers 500 with no details when a tool source fails to say whether it has an asset", async () => {
    const broken: ToolSource = {
      hasAsset: () => {
        throw new Error("database is locked");
      },
      listTools: () => [],
      callTool: async () => undefined,
    };
    await using server = await startApp({ toolSources: [broken] });
    const posted = await post(`${server.url}/studio-copilot/api/v1/mcp-servers/mcp/other`, { jsonrpc: "2.0", id: 1, method: "ping" });
    expect(posted.status).toBe(500);
    expect(posted.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(posted.text).toBe("Internal Server Error");
    const opened = await fetch(`${server.url}/studio-copilot/api/v1/mcp-servers/mcp/other`);
    expect(opened.status).toBe(500);
    expect(await opened.text()).toBe("Internal Server Error");
    expect(server.logs.join("\n")).toContain("database is locked");
    // The built-in asset does not depend on the sources.
    expect((await post(server.url + CELONIS_BUILTIN, { jsonrpc: "2.0", id: 1, method: "ping" })).status).toBe(200);
  });
});
