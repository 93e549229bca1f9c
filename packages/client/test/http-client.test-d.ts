import type { ApiError, CreateMcpServerRequest, ErrorDetail, McpServer, MessageComponents, ServerMessage, TransportError } from "@mcp-contract/api-types";
import { assertType, describe, expectTypeOf, it } from "vitest";
import { createMessageClient, createRegistryClient } from "../src/index.js";

const registry = createRegistryClient({ baseUrl: "http://127.0.0.1:8090" });
const messages = createMessageClient({ baseUrl: "http://127.0.0.1:8090" });
const ID = "mcp_server-56b10c32-97c5-4060-8e3d-12e040f889f2";

describe("registry client types", () => {
  it("types data as McpServer and error as ApiError", async () => {
    const { data, error } = await registry.GET("/v1/mcp-servers/{mcp_server_id}", { params: { path: { mcp_server_id: ID } } });
    expectTypeOf(data).toEqualTypeOf<McpServer | undefined>();
    expectTypeOf(error).toEqualTypeOf<ApiError | undefined>();
    if (data) assertType<"sse" | "stdio" | "streamable_http">(data.mcp_server_type);
  });

  it("requires the path parameter", () => {
    // @ts-expect-error the init with params.path.mcp_server_id is required
    void registry.GET("/v1/mcp-servers/{mcp_server_id}");
    // @ts-expect-error mcp_server_id is missing
    void registry.GET("/v1/mcp-servers/{mcp_server_id}", { params: { path: {} } });
    // @ts-expect-error mcp_server_id must be a string
    void registry.GET("/v1/mcp-servers/{mcp_server_id}", { params: { path: { mcp_server_id: 42 } } });
  });

  it("refuses paths and methods the spec does not have", () => {
    // @ts-expect-error no such path
    void registry.GET("/v1/mcp-server/{mcp_server_id}", { params: { path: { mcp_server_id: ID } } });
    // @ts-expect-error the collection has no DELETE
    void registry.DELETE("/v1/mcp-servers");
  });

  it("types the POST /v1/mcp-servers body as CreateMcpServerRequest", async () => {
    const body: CreateMcpServerRequest = { server_name: "everything", mcp_server_type: "stdio", command: "npx", args: [] };
    const { data } = await registry.POST("/v1/mcp-servers", { body });
    expectTypeOf(data).toEqualTypeOf<McpServer | undefined>();
    // @ts-expect-error an unknown server type
    void registry.POST("/v1/mcp-servers", { body: { server_name: "x", mcp_server_type: "carrier-pigeon", command: "npx", args: [] } });
    // @ts-expect-error an SSE server needs server_url
    void registry.POST("/v1/mcp-servers", { body: { server_name: "x", mcp_server_type: "sse" } });
    // @ts-expect-error the body is required
    void registry.POST("/v1/mcp-servers", {});
  });
});

describe("message client types", () => {
  it("types the Celonis POST answer and its error bodies", async () => {
    const { data, error } = await messages.POST("/studio-copilot/api/v1/mcp-servers/mcp/{asset_id}", {
      params: { path: { asset_id: "builtin" } },
      body: { jsonrpc: "2.0", id: 1, method: "tools/list" },
    });
    // openapi-fetch maps bodies through Readable<>, which is the same type but not the same alias
    // for unions of JSON-RPC shapes: check assignability both ways instead of identity.
    // A 2026-07-28 request may be answered with an event stream, listed as its events.
    type Schemas = MessageComponents["schemas"];
    expectTypeOf(data).toExtend<ServerMessage | Schemas["ModernSseStream"] | undefined>();
    expectTypeOf<ServerMessage>().toExtend<typeof data>();
    // openapi-fetch 0.17's Readable<> drops properties typed exactly `null` (NonNullable<null> is
    // never), so TransportError's `id: null` is missing from `error`; the runtime body has it.
    // A 2026-07-28 request's 400 and 404 carry the modern JSON-RPC error bodies.
    expectTypeOf(error).toExtend<
      ErrorDetail | Omit<TransportError, "id"> | Schemas["ModernBadRequestBody"] | Schemas["ModernNotFoundBody"] | string | undefined
    >();
    expectTypeOf<ErrorDetail | TransportError | string>().toExtend<typeof error>();
    // @ts-expect-error jsonrpc must be "2.0"
    void messages.POST("/v1/mcp/sse", { params: { query: { sessionId: "s" } }, body: { jsonrpc: "1.0", id: 1, method: "ping" } });
    // @ts-expect-error sessionId is required on the Spice POST
    void messages.POST("/v1/mcp/sse", { params: { query: {} }, body: { jsonrpc: "2.0", id: 1, method: "ping" } });
  });
});
