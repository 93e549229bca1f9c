/**
 * A 2026-07-28 request refused before (or instead of) its method: the HTTP status and the
 * JSON-RPC error the spec names for it, answered with the request's id. These are JSON-RPC
 * errors, not transport faults, so they are not HttpErrors: their body is the spec's error
 * response (`-32020`, `-32021`, `-32022`, `-32602`, `-32601`, `-32600`), not a TransportError.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http#server-validation
 */
import type { ServerResponse } from "node:http";
import type { JSONRPCErrorCode, McpErrorCode, RequestId } from "@mcp-contract/api-types";
import { errorResponse } from "../jsonrpc/rpc-error.js";

export class ModernRejection extends Error {
  override readonly name = "ModernRejection";
  constructor(
    readonly status: 400 | 404,
    readonly code: McpErrorCode | JSONRPCErrorCode,
    message: string,
    readonly id: RequestId | null,
    readonly data?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }
}

/** Writes `rejection` as its status and JSON-RPC error body. */
export function sendRejection(res: ServerResponse, rejection: ModernRejection): void {
  if (res.headersSent || res.destroyed) return;
  const body = JSON.stringify(errorResponse(rejection.id, rejection.code as JSONRPCErrorCode, rejection.message, rejection.data));
  res.writeHead(rejection.status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body), "Cache-Control": "no-store" });
  res.end(body);
}
