/**
 * The messages the runner sends, built in one place so every check speaks the same MCP.
 * @see https://modelcontextprotocol.io/specification/2025-06-18/basic/lifecycle#initialization
 */
import type { JSONRPCNotification, JSONRPCRequest, RequestId } from "@mcp-contract/api-types";

/** The protocol revision the runner asks for: the newest one the contract supports. */
export const CLIENT_PROTOCOL_VERSION = "2025-06-18";

/** A request with the runner's fixed client identity where one is needed. */
export function rpcRequest(id: RequestId, method: string, params?: Record<string, unknown>): JSONRPCRequest {
  return params === undefined ? { jsonrpc: "2.0", id, method } : { jsonrpc: "2.0", id, method, params };
}

export function rpcNotification(method: string, params?: Record<string, unknown>): JSONRPCNotification {
  return params === undefined ? { jsonrpc: "2.0", method } : { jsonrpc: "2.0", method, params };
}

export function initializeRequest(id: RequestId, protocolVersion = CLIENT_PROTOCOL_VERSION): JSONRPCRequest {
  return rpcRequest(id, "initialize", {
    protocolVersion,
    capabilities: {},
    clientInfo: { name: "mcp-contract", version: "0.1.0" },
  });
}

export const initializedNotification: JSONRPCNotification = rpcNotification("notifications/initialized");
