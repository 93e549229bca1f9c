/**
 * Sorts one parsed JSON value into request, notification, response or invalid, validating it
 * against the spec's JSON-RPC schemas (compiled once, when this module loads).
 * @see openapi/components/jsonrpc.yaml
 */
import {
  failure,
  schemaValidator,
  type JSONRPCNotification,
  type JSONRPCRequest,
  type RequestId,
} from "@mcp-contract/api-types";

const isRequest = schemaValidator("message", "JSONRPCRequest");
const isNotification = schemaValidator("message", "JSONRPCNotification");
const isResultResponse = schemaValidator("message", "JSONRPCResultResponse");
const isErrorResponse = schemaValidator("message", "JSONRPCErrorResponse");

export type Envelope =
  | { readonly kind: "request"; readonly message: JSONRPCRequest }
  | { readonly kind: "notification"; readonly message: JSONRPCNotification }
  | { readonly kind: "response" }
  | { readonly kind: "invalid"; readonly id: RequestId | null; readonly reason: string };

const RESPONSE: Envelope = { kind: "response" };

/** Classifies `value`; `invalid` carries the sentence for the -32600 answer. */
export function classify(value: unknown): Envelope {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { kind: "invalid", id: null, reason: `a JSON-RPC message must be an object, got ${kindOf(value)}` };
  }
  const message = value as Record<string, unknown>;
  if ("method" in message) {
    if ("id" in message) {
      if (isRequest(message)) return { kind: "request", message: message as JSONRPCRequest };
      return invalid(message, isRequest.errors);
    }
    if (isNotification(message)) return { kind: "notification", message: message as JSONRPCNotification };
    return invalid(message, isNotification.errors);
  }
  if ("result" in message) return isResultResponse(message) ? RESPONSE : invalid(message, isResultResponse.errors);
  if ("error" in message) return isErrorResponse(message) ? RESPONSE : invalid(message, isErrorResponse.errors);
  return {
    kind: "invalid",
    id: readableId(message["id"]),
    reason: "the message has no 'method' (request or notification) and no 'result' or 'error' (response)",
  };
}

function invalid(message: Record<string, unknown>, errors: Parameters<typeof failure>[0] | null | undefined): Envelope {
  const id = message["id"];
  if ("id" in message && readableId(id) === null) {
    if (typeof id === "number" && (Number.isInteger(id) || !Number.isFinite(id))) {
      return {
        kind: "invalid",
        id: null,
        reason: "id is a number JSON cannot carry exactly (beyond ±(2^53 − 1)); it would come back altered, so send it as a string",
      };
    }
    return { kind: "invalid", id: null, reason: `id must be a string or an integer, got ${kindOf(id)}` };
  }
  return { kind: "invalid", id: readableId(id), reason: failure(errors ?? []).message };
}

/**
 * The id to echo in an error: a valid id is echoed unchanged, anything else is null. A number is
 * valid only while exact (a safe integer): 1e400 parses to Infinity, 2^53 + 1 to 2^53.
 */
export function readableId(id: unknown): RequestId | null {
  return typeof id === "string" || (typeof id === "number" && Number.isSafeInteger(id)) ? id : null;
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "number") return Number.isInteger(value) ? "an integer" : `the number ${value}`;
  return `a ${typeof value}`;
}
