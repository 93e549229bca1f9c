/**
 * Values the contract fixes in prose, given names so code does not repeat magic numbers.
 * @see openapi/components/jsonrpc.yaml (JSONRPCErrorCode), openapi/message.yaml (413) and
 * openapi/components/streamable.yaml (ProtocolRevision, McpErrorCode, RequestMeta).
 */
import type {
  JSONRPCErrorCode,
  McpErrorCode,
  NotificationMeta,
  ProtocolRevision,
  RequestMeta,
  ResultMeta,
} from "./aliases.js";

/** The JSON-RPC 2.0 error codes, and the transport's own -32000. */
export const JSONRPC_ERROR = {
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  INTERNAL_ERROR: -32603,
  TRANSPORT_ERROR: -32000,
} as const satisfies Record<string, JSONRPCErrorCode>;

/** The largest message body accepted: 4 MiB (the Spice runtime's documented 4MB). */
export const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

/** MCP protocol revisions, oldest first; the last is what an unknown request is answered with. */
export const SUPPORTED_PROTOCOL_VERSIONS = ["2024-11-05", "2025-03-26", "2025-06-18"] as const;

/** Revisions in which JSON-RPC batches are allowed (removed in 2025-06-18). */
export const BATCH_PROTOCOL_VERSIONS: readonly string[] = ["2024-11-05", "2025-03-26"];

/**
 * The modern revisions: per-request `_meta` and headers, no `initialize`, no sessions.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/versioning
 */
export const MODERN_PROTOCOL_VERSIONS = ["2026-07-28"] as const satisfies readonly ProtocolRevision[];

/** The newest modern revision. */
export const LATEST_MODERN_PROTOCOL_VERSION = "2026-07-28" satisfies ProtocolRevision;

/**
 * The legacy revisions of the Streamable HTTP transport (sessions through `initialize`), oldest
 * first. 2024-11-05 is not among them: it has the HTTP+SSE transport only.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports
 */
export const LEGACY_STREAMABLE_PROTOCOL_VERSIONS = [
  "2025-03-26",
  "2025-06-18",
  "2025-11-25",
] as const satisfies readonly ProtocolRevision[];

/**
 * The error codes 2026-07-28 defines (all answered with HTTP 400).
 * @see openapi/components/streamable.yaml (McpErrorCode)
 */
export const MCP_ERROR = {
  HEADER_MISMATCH: -32020,
  MISSING_REQUIRED_CLIENT_CAPABILITY: -32021,
  UNSUPPORTED_PROTOCOL_VERSION: -32022,
} as const satisfies Record<string, McpErrorCode>;

/** The Streamable HTTP header names, spelled as the spec does (compare them case-insensitively). */
export const MCP_HEADER = {
  PROTOCOL_VERSION: "MCP-Protocol-Version",
  METHOD: "Mcp-Method",
  NAME: "Mcp-Name",
  SESSION_ID: "Mcp-Session-Id",
  LAST_EVENT_ID: "Last-Event-ID",
} as const;

/**
 * The reserved `_meta` keys of 2026-07-28.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/index#_meta
 */
export const META_KEY = {
  PROTOCOL_VERSION: "io.modelcontextprotocol/protocolVersion",
  CLIENT_CAPABILITIES: "io.modelcontextprotocol/clientCapabilities",
  CLIENT_INFO: "io.modelcontextprotocol/clientInfo",
  LOG_LEVEL: "io.modelcontextprotocol/logLevel",
  SERVER_INFO: "io.modelcontextprotocol/serverInfo",
  SUBSCRIPTION_ID: "io.modelcontextprotocol/subscriptionId",
  PROGRESS_TOKEN: "progressToken",
} as const satisfies Record<string, keyof RequestMeta | keyof ResultMeta | keyof NotificationMeta>;

/**
 * Methods of the legacy revisions that 2026-07-28 removed: a modern request for one is answered
 * 404 with -32601.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/changelog
 */
export const MODERN_REMOVED_METHODS: readonly string[] = [
  "initialize",
  "ping",
  "logging/setLevel",
  "resources/subscribe",
  "resources/unsubscribe",
];

/**
 * The methods whose modern request carries `Mcp-Name`, and the `params` field it mirrors.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http#standard-request-headers
 */
export const MODERN_NAMED_METHODS: Readonly<Record<string, "name" | "uri">> = {
  "tools/call": "name",
  "prompts/get": "name",
  "resources/read": "uri",
};

/** The markers of a Base64-encoded `Mcp-Name` / `Mcp-Param-*` value: `=?base64?…?=`, lowercase. */
export const BASE64_SENTINEL = { PREFIX: "=?base64?", SUFFIX: "?=" } as const;
