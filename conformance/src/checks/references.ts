/**
 * Where each requirement comes from. Checks cite these instead of repeating URLs, so a spec
 * revision moves in one place.
 */
const MCP = "https://modelcontextprotocol.io/specification";

/** Spec section URLs and seed documents, by requirement area. */
export const REF = {
  sseTransport: `${MCP}/2024-11-05/basic/transports#http-with-sse`,
  streamableSecurity: `${MCP}/2025-11-25/basic/transports#security-warning (invalid Origin: 403) and ${MCP}/2026-07-28/basic/transports/streamable-http (l.58-62)`,
  streamableSending: `${MCP}/2025-11-25/basic/transports#sending-messages-to-the-server`,
  streamableSessions: `${MCP}/2025-11-25/basic/transports#session-management`,
  streamableListening: `${MCP}/2025-11-25/basic/transports#listening-for-messages-from-the-server (GET: text/event-stream or 405)`,
  streamableResumability: `${MCP}/2025-11-25/basic/transports#resumability-and-redelivery (ids unique in the session; never replay another stream's messages)`,
  streamablePriming: `${MCP}/2025-11-25/basic/transports#sending-messages-to-the-server (item 6: a priming event with an id and empty data; retry before closing the connection early)`,
  streamableBatches: `${MCP}/2025-03-26/basic/transports#sending-messages-to-the-server (items 3-5: batches) and ${MCP}/2025-06-18/basic/transports#sending-messages-to-the-server (item 3: one message; item 4: refused input gets an HTTP error status)`,
  streamableVersionHeader: `${MCP}/2025-11-25/basic/transports#protocol-version-header`,
  modernHeaders: `${MCP}/2026-07-28/basic/transports/streamable-http (Server Validation, l.257-275 and l.520-560: -32020 HeaderMismatch, 404 -32601)`,
  modernHeaderNames: `${MCP}/2026-07-28/basic/transports/streamable-http (header names case-insensitive, l.570-576; Base64 values =?base64?…?=, l.490-508)`,
  modernVersions: `${MCP}/2026-07-28/basic/versioning (UnsupportedProtocolVersionError -32022, data.supported and data.requested)`,
  modernMeta: `${MCP}/2026-07-28/basic/index (a request missing a required _meta field: -32602 and HTTP 400, l.380-382)`,
  modernResults: `${MCP}/2026-07-28/basic/index (every result carries resultType)`,
  modernDiscover: `${MCP}/2026-07-28/server/discover`,
  modernBackwardCompatibility: `${MCP}/2026-07-28/basic/transports/streamable-http (a 2026-only server: GET or DELETE → 405, l.680-687)`,
  whatwgSse: "https://html.spec.whatwg.org/multipage/server-sent-events.html#parsing-an-event-stream",
  whatwgSseAuthoring: "https://html.spec.whatwg.org/multipage/server-sent-events.html#authoring-notes",
  jsonrpcErrorObject: "https://www.jsonrpc.org/specification#error_object",
  jsonrpcRequest: "https://www.jsonrpc.org/specification#request_object",
  jsonrpcResponse: "https://www.jsonrpc.org/specification#response_object",
  jsonrpcNotification: "https://www.jsonrpc.org/specification#notification",
  mcpMessages: `${MCP}/2025-06-18/basic#messages`,
  mcpResponses: `${MCP}/2025-06-18/basic#responses`,
  lifecycleInit: `${MCP}/2025-06-18/basic/lifecycle#initialization`,
  versionNegotiation: `${MCP}/2025-06-18/basic/lifecycle#version-negotiation`,
  ping: `${MCP}/2025-06-18/basic/utilities/ping#behavior-requirements`,
  toolsList: `${MCP}/2025-06-18/server/tools#listing-tools`,
  toolsCall: `${MCP}/2025-06-18/server/tools#calling-tools`,
  toolsErrors: `${MCP}/2025-06-18/server/tools#error-handling`,
  pagination: `${MCP}/2025-06-18/server/utilities/pagination`,
  originSecurity: `${MCP}/2025-11-25/basic/transports#security-warning`,
  authorization: `${MCP}/2025-06-18/basic/authorization#access-token-usage`,
  sessionIds: `${MCP}/2025-06-18/basic/security_best_practices#session-hijacking`,
  sessionNotFound:
    `${MCP}/2025-06-18/basic/transports#session-management (a session the server ended MUST get 404) and seed: spice-runtime-mcp-message.json (404 no such session)`,
  spiceSeed: "seed: spice-runtime-mcp-message.json (POST /v1/mcp/sse?sessionId=: 202 accepted, 404 no such session, 413 over 4MB)",
  opensearchSessionSeed: "seed: opensearch-mcp-sse-session.txt (endpoint event data and append_to_base_url)",
  celonisSeed: "seed: celonis-mcp-server-asset.openapi.json (synchronous POST, 404 {detail}, 500 calls/minute with isError and retry guidance)",
  contractMessage: "openapi/message.yaml (the message API's HTTP errors: 400 no sessionId, 404 unknown session, 413, 415)",
  registry: "openapi/registry.yaml and seed: letta-mcp-servers-registry.txt (the /v1/mcp-servers API)",
  registrySecrets: "openapi/registry.yaml (secrets are write-only: auth_token, custom_headers and env values read back as ********)",
  registryErrors: "openapi/registry.yaml (every error is an ApiError; 404 unknown id, 409 duplicate server_name, 415 not JSON, 422 naming each field)",
  registryRefresh: "openapi/registry.yaml (refresh: on any failure the stored tools stay as they were; 502 when the upstream cannot be reached)",
} as const;
