/**
 * Values the contract fixes in prose, given names so code does not repeat magic numbers.
 * @see openapi/components/jsonrpc.yaml (JSONRPCErrorCode) and openapi/message.yaml (413).
 */
import type { JSONRPCErrorCode } from "./aliases.js";

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
