/**
 * Structural reading of JSON-RPC 2.0 messages from any server. Deliberately looser than the
 * contract's schemas: a server may use error codes this contract does not (-32002, -32042…), and a
 * conformance runner for *any* MCP server must not fail it for that.
 * @see https://www.jsonrpc.org/specification
 */
import type { JSONRPCErrorResponse, JSONRPCResultResponse, RequestId } from "@mcp-contract/api-types";

/** A response as it may arrive: `id` may be of any type when a server gets it wrong. */
export type AnyResponse = (JSONRPCResultResponse | JSONRPCErrorResponse) & { id: unknown };

/** The four JSON-RPC message kinds. */
export type MessageKind = "request" | "notification" | "result" | "error";

/** What one value is, or why it is not a JSON-RPC message. */
export function classifyMessage(value: unknown): { kind: MessageKind } | { problem: string } {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { problem: "not a JSON object" };
  const message = value as Record<string, unknown>;
  if (message["jsonrpc"] !== "2.0") return { problem: `"jsonrpc" is ${JSON.stringify(message["jsonrpc"])}, not "2.0"` };
  if ("method" in message) {
    if (typeof message["method"] !== "string") return { problem: '"method" is not a string' };
    if (!("id" in message)) return { kind: "notification" };
    return isRequestId(message["id"]) ? { kind: "request" } : { problem: '"id" is not a string or number' };
  }
  const hasResult = "result" in message;
  const hasError = "error" in message;
  if (hasResult === hasError) return { problem: 'a response has exactly one of "result" and "error"' };
  if (!("id" in message)) return { problem: 'a response has no "id"' };
  if (hasError) return { kind: "error" };
  return isRequestId(message["id"]) ? { kind: "result" } : { problem: '"id" of a result is not a string or number' };
}

/** One message, or a non-empty batch of them: what a `message` event's data must hold. */
export function classifyPayload(value: unknown): { kinds: MessageKind[] } | { problem: string } {
  const items = Array.isArray(value) ? value : [value];
  if (Array.isArray(value) && value.length === 0) return { problem: "an empty batch" };
  const kinds: MessageKind[] = [];
  for (const [i, item] of items.entries()) {
    const kind = classifyMessage(item);
    if ("problem" in kind) return { problem: Array.isArray(value) ? `batch item ${i}: ${kind.problem}` : kind.problem };
    kinds.push(kind.kind);
  }
  return { kinds };
}

/** True for a response (result or error) whatever its id. */
export function isResponse(value: unknown): value is AnyResponse {
  const kind = classifyMessage(value);
  return "kind" in kind && (kind.kind === "result" || kind.kind === "error");
}

/** A valid request id: a string or an integer (MCP forbids null). */
export function isRequestId(value: unknown): value is RequestId {
  return typeof value === "string" || (typeof value === "number" && Number.isInteger(value));
}

/** The messages in a value: the items of a batch, or the value itself. */
export function messagesIn(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/** The `error` member of an error response, as sent (possibly malformed). */
export function errorOf(value: unknown): { code?: unknown; message?: unknown; data?: unknown } | undefined {
  if (!isResponse(value) || !("error" in value)) return undefined;
  const error = (value as { error: unknown }).error;
  return typeof error === "object" && error !== null ? (error as Record<string, unknown>) : { code: undefined, message: undefined };
}

/** Parses JSON text, or undefined when it is not JSON. */
export function parseJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}
