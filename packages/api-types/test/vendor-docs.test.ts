import { describe, expect, it } from "vitest";
import { messageSpec, registrySpec, sessionSpec, validateAgainst } from "../src/index.js";
import { readVendorDoc } from "./vendor-docs.js";

type Json = Record<string, unknown>;

function expectValid(spec: "session" | "message" | "registry", schema: string, value: unknown): void {
  const result = validateAgainst(spec, schema, value);
  expect(result.ok ? "valid" : result.message, JSON.stringify(value)).toBe("valid");
}

function expectInvalid(spec: "session" | "message" | "registry", schema: string, value: unknown): string {
  const result = validateAgainst(spec, schema, value);
  expect(result.ok, `expected ${schema} to reject ${JSON.stringify(value)}`).toBe(false);
  return result.ok ? "" : result.message;
}

function operation(spec: { paths: Json }, route: string, method: string): Json {
  const item = spec.paths[route] as Json | undefined;
  const op = item?.[method] as Json | undefined;
  if (!op) throw new Error(`${method.toUpperCase()} ${route} is not in the spec`);
  return op;
}

describe("Spice runtime doc (vendor-docs/spice-runtime-mcp-message.json)", () => {
  const doc = readVendorDoc<{ path: string; method: string; operation: Json }>("spice-runtime-mcp-message.json");
  const seed = doc.operation;

  it("declares the same POST operation with every status the doc lists", () => {
    const ours = operation(messageSpec, doc.path, doc.method);
    const seedStatuses = Object.keys(seed["responses"] as Json);
    expect(seedStatuses).toEqual(["202", "404", "413", "500"]);
    expect(Object.keys(ours["responses"] as Json)).toEqual(expect.arrayContaining(seedStatuses));
  });

  it("requires the sessionId query parameter like the seed", () => {
    const [seedParam] = seed["parameters"] as Json[];
    const bundled = messageSpec as unknown as { components: { parameters: Record<string, Json> } };
    const ours = bundled.components.parameters["SessionId"];
    expect(ours).toMatchObject({ name: seedParam?.["name"], in: "query", required: true });
  });

  it("opens the session with GET on the same path", () => {
    expect(() => operation(sessionSpec, doc.path, "get")).not.toThrow();
  });
});

describe("OpenSearch session doc (vendor-docs/opensearch-mcp-sse-session.json)", () => {
  const { examples } = readVendorDoc<{ examples: { event: string; data: string }[] }>("opensearch-mcp-sse-session.json");

  it("has both endpoint event examples, and each validates as an SseEndpointEvent", () => {
    expect(examples.map((e) => e.data)).toEqual([
      "/sse/message?sessionId=e2d65bb9-e82e-473a-b050-b69dc67ca9dd",
      "/_plugins/_ml/mcp/sse/message?sessionId=e2d65bb9-e82e-473a-b050-b69dc67ca9dd",
    ]);
    for (const { event, data } of examples) expectValid("session", "SseEndpointEvent", { event, data });
  });

  it("rejects endpoint events without a session id or of another event type", () => {
    expectInvalid("session", "SseEndpointEvent", { event: "endpoint", data: "/sse/message" });
    expectInvalid("session", "SseEndpointEvent", { event: "endpoint", data: "/sse/message?sessionId=short" });
    expectInvalid("session", "SseEndpointEvent", { event: "message", data: examples[0]?.data });
  });

  it("documents the append_to_base_url flag on the GET", () => {
    const op = operation(sessionSpec, "/_plugins/_ml/mcp/sse", "get");
    expect(JSON.stringify(op["parameters"])).toContain("AppendToBaseUrl");
  });
});

describe("OpenSearch message doc (vendor-docs/opensearch-mcp-sse-message.json)", () => {
  const doc = readVendorDoc<{ request: Json; response: { event: string; data: Json } }>("opensearch-mcp-sse-message.json");
  const request = doc.request;

  it("the example request (ListIndexTool1) is a valid ClientMessage and CallToolRequest", () => {
    expect(request["method"]).toBe("tools/call");
    expectValid("message", "ClientMessage", request);
    expectValid("message", "CallToolRequest", request);
  });

  it("the example SSE answer (ListIndexTool) is a valid message event", () => {
    const { event, data } = doc.response;
    expect(event).toBe("message");
    expectValid("session", "SseMessageEvent", { event: "message", data });
    expectValid("message", "ListToolsResult", data["result"]);
  });

  it("rejects broken variants of the request", () => {
    expect(expectInvalid("message", "CallToolRequest", { ...request, jsonrpc: "1.0" })).toContain("/jsonrpc");
    expect(expectInvalid("message", "CallToolRequest", { ...request, id: null })).toContain("/id");
    expect(expectInvalid("message", "CallToolRequest", { ...request, params: { arguments: {} } })).toContain(
      "/params/name",
    );
    expectInvalid("message", "ClientMessage", []);
    expectInvalid("message", "ClientMessage", "tools/call");
  });

  it("is served at both message paths of the dialect", () => {
    expect(() => operation(messageSpec, "/_plugins/_ml/mcp/sse/message", "post")).not.toThrow();
    expect(() => operation(messageSpec, "/sse/message", "post")).not.toThrow();
  });
});

describe("Celonis doc (vendor-docs/celonis-mcp-server-asset.openapi.json)", () => {
  const seed = readVendorDoc<{
    paths: Record<string, Record<string, Json>>;
    components: { responses: Record<string, Json> };
  }>("celonis-mcp-server-asset.openapi.json");
  const route = "/studio-copilot/api/v1/mcp-servers/mcp/{asset_id}";
  const seedPost = seed.paths[route]?.["post"] as Json;
  const seedExamples = (seedPost["requestBody"] as { content: { "application/json": { examples: Json } } }).content[
    "application/json"
  ].examples;

  it("every seed request example is a valid ClientMessage", () => {
    expect(Object.keys(seedExamples)).toEqual(["toolsListRequest", "toolsCallRequest"]);
    for (const example of Object.values(seedExamples) as Json[]) {
      expectValid("message", "ClientMessage", example["value"]);
    }
    expectValid("message", "CallToolRequest", (seedExamples["toolsCallRequest"] as Json)["value"]);
  });

  it("every seed 404 example is a valid ErrorDetail, and an empty detail is not", () => {
    const notFound = seed.components.responses["NotFound"] as { content: { "application/json": { examples: Json } } };
    for (const example of Object.values(notFound.content["application/json"].examples) as Json[]) {
      expectValid("message", "ErrorDetail", example["value"]);
    }
    expectInvalid("message", "ErrorDetail", { detail: "" });
    expectInvalid("message", "ErrorDetail", { message: "Asset not found" });
  });

  it("declares GET and POST with the seed's statuses and parameters", () => {
    for (const method of ["get", "post"]) {
      const seedOp = seed.paths[route]?.[method] as Json;
      const spec = method === "get" ? sessionSpec : messageSpec;
      const ours = operation(spec, route, method);
      expect(Object.keys(ours["responses"] as Json)).toEqual(
        expect.arrayContaining(Object.keys(seedOp["responses"] as Json)),
      );
      expect(JSON.stringify(ours["parameters"])).toContain("AssetId");
      expect(JSON.stringify(ours["parameters"])).toContain("Draft");
    }
  });

  it("a rate-limited tool result (isError with retry guidance) is a valid CallToolResult", () => {
    expectValid("message", "CallToolResult", {
      content: [{ type: "text", text: "Rate limit exceeded. Retry after 12 seconds." }],
      isError: true,
    });
    expectInvalid("message", "CallToolResult", { content: [{ type: "text" }], isError: true });
  });
});

describe("Letta registry doc (vendor-docs/letta-mcp-servers-registry.json)", () => {
  const { endpoints } = readVendorDoc<{ endpoints: [string, string][] }>("letta-mcp-servers-registry.json");

  it("every endpoint the doc lists is in the registry spec", () => {
    expect(endpoints.length).toBe(9);
    for (const [method, route] of endpoints) {
      const normalized = (route ?? "").replace(/\/$/, "");
      expect(() => operation(registrySpec, normalized, method ?? "")).not.toThrow();
    }
  });

  it("accepts each seed create model, with our required server_name and type", () => {
    expectValid("registry", "CreateMcpServerRequest", {
      server_name: "docs",
      mcp_server_type: "sse",
      server_url: "http://127.0.0.1:3001/sse",
      auth_header: "Authorization",
      auth_token: "Bearer x",
      custom_headers: { "X-Team": "a" },
    });
    expectValid("registry", "CreateMcpServerRequest", {
      server_name: "everything",
      mcp_server_type: "stdio",
      command: "npx",
      args: ["-y", "@modelcontextprotocol/server-everything"],
      env: { LOG_LEVEL: "info" },
    });
    expectValid("registry", "CreateMcpServerRequest", {
      server_name: "search",
      mcp_server_type: "streamable_http",
      server_url: "https://127.0.0.1:3002/mcp",
    });
  });

  it("rejects broken create variants with the failing field named", () => {
    const ftp = expectInvalid("registry", "CreateMcpServerRequest", {
      server_name: "x",
      mcp_server_type: "sse",
      server_url: "ftp://127.0.0.1/",
    });
    expect(ftp).toContain("/server_url");
    expectInvalid("registry", "CreateMcpServerRequest", { server_name: "x", mcp_server_type: "ftp" });
    expectInvalid("registry", "CreateMcpServerRequest", { server_name: "x", mcp_server_type: "stdio", args: [] });
    expectInvalid("registry", "CreateMcpServerRequest", {
      server_name: "x",
      mcp_server_type: "stdio",
      command: "npx",
      server_url: "http://127.0.0.1/",
    });
  });

  it("read models cannot carry a secret in clear", () => {
    const server = {
      id: "mcp_server-56b10c32-97c5-4060-8e3d-12e040f889f2",
      server_name: "docs",
      mcp_server_type: "sse",
      server_url: "http://127.0.0.1:3001/sse",
      auth_header: "Authorization",
      auth_token: "********",
      custom_headers: { "X-Team": "********" },
      created_at: "2026-11-21T10:00:00.000Z",
      updated_at: "2026-11-21T10:00:00.000Z",
      last_refreshed_at: null,
    };
    expectValid("registry", "McpServer", server);
    expectInvalid("registry", "McpServer", { ...server, auth_token: "Bearer s3cr3t" });
    expectInvalid("registry", "McpServer", { ...server, custom_headers: { "X-Team": "analytics" } });
  });
});
