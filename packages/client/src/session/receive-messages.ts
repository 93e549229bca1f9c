/**
 * What every transport does with data that should hold JSON-RPC (an SSE `message` event, a JSON
 * answer): parse it, split a batch, and route each message: answers to the request waiting for
 * them, requests and notifications to listeners, anything else reported as `malformed`. One
 * place, so the three transports cannot drift in how they read a server.
 */
import type { JSONRPCErrorResponse, JSONRPCMessage, JSONRPCResultResponse } from "@mcp-contract/api-types";
import type { PendingRequests } from "../pending-requests.js";
import type { TransportEvents } from "./mcp-transport.js";

/** A transport's own (protected) emit, passed in. */
export type EmitTransportEvent = <Type extends keyof TransportEvents>(type: Type, payload: TransportEvents[Type]) => void;

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Parses `data` and routes every message in it. */
export function receiveMessages(data: string, emit: EmitTransportEvent, pending: PendingRequests): void {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch (error) {
    emit("malformed", { data, reason: `not JSON: ${describe(error)}` });
    return;
  }
  for (const item of Array.isArray(value) ? value : [value]) routeMessage(item, data, emit, pending);
}

function routeMessage(value: unknown, data: string, emit: EmitTransportEvent, pending: PendingRequests): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    emit("malformed", { data, reason: "not a JSON-RPC message object" });
    return;
  }
  const message = value as JSONRPCMessage;
  emit("message", message);
  if ("method" in message && typeof message.method === "string") {
    if ("id" in message && message.id !== undefined) emit("request", message);
    else emit("notification", message);
  } else if ("result" in message || "error" in message) {
    pending.answer(message as JSONRPCResultResponse | JSONRPCErrorResponse);
  } else {
    emit("malformed", { data, reason: "neither a request, a notification nor a response" });
  }
}
