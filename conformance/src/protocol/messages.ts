/**
 * The messages the runner sends, built in one place so every check speaks the same MCP.
 * @see https://modelcontextprotocol.io/specification/2025-06-18/basic/lifecycle#initialization
 */
import type { JSONRPCNotification, JSONRPCRequest, RequestId } from "@mcp-contract/api-types";
import { toolVersion } from "../version.js";

/** The protocol revision the runner asks for: the newest one the contract supports. */
export const CLIENT_PROTOCOL_VERSION = "2025-06-18";

/** A request (params only when given). */
export function rpcRequest(id: RequestId, method: string, params?: Record<string, unknown>): JSONRPCRequest {
  return params === undefined ? { jsonrpc: "2.0", id, method } : { jsonrpc: "2.0", id, method, params };
}

/** A notification: no id, never answered. */
export function rpcNotification(method: string, params?: Record<string, unknown>): JSONRPCNotification {
  return params === undefined ? { jsonrpc: "2.0", method } : { jsonrpc: "2.0", method, params };
}

/** initialize, asking for `protocolVersion` with no client capabilities. */
export function initializeRequest(id: RequestId, protocolVersion = CLIENT_PROTOCOL_VERSION): JSONRPCRequest {
  return rpcRequest(id, "initialize", {
    protocolVersion,
    capabilities: {},
    clientInfo: { name: "mcp-contract", version: toolVersion() },
  });
}

/** What a client sends once initialize is answered. */
export const initializedNotification: JSONRPCNotification = rpcNotification("notifications/initialized");
