/**
 * Errors that go on the wire as JSON-RPC error responses, kept apart from HttpError (transport)
 * and from local failures (which become -32603 without their details).
 * @see https://www.jsonrpc.org/specification#error_object
 */
import type { JSONRPCErrorCode, JSONRPCErrorResponse, McpErrorCode, RequestId } from "@mcp-contract/api-types";

/** A JSON-RPC error a handler raises on purpose; its message is sent as is. */
export class RpcError extends Error {
  override readonly name = "RpcError";
  constructor(
    /** A JSON-RPC code, or one of 2026-07-28's (-32021: a tool only 2026-07-28 requests can call). */
    readonly code: McpErrorCode,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
  }
}

/** Raised by a handler whose request the peer cancelled: the request gets no answer at all. */
export class RequestCancelled extends Error {
  override readonly name = "RequestCancelled";
}

/** The error response for `id` (null when the id could not be read). */
export function errorResponse(id: RequestId | null, code: McpErrorCode, message: string, data?: unknown): JSONRPCErrorResponse {
  // The message contract's JSONRPCErrorCode omits 2026-07-28's -3202x codes: only modern requests,
  // whose contract (streamable.yaml McpErrorCode) lists them, are ever answered with one.
  return data === undefined
    ? { jsonrpc: "2.0", id, error: { code: code as JSONRPCErrorCode, message } }
    : { jsonrpc: "2.0", id, error: { code: code as JSONRPCErrorCode, message, data } };
}
