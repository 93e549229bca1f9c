/**
 * What a non-2xx answer to a Streamable HTTP POST means. Keeps the package's split: a JSON-RPC
 * error the server sent about this request (a protocol code such as -32022, -32020, -32602 or
 * -32601) is a wire error, `JsonRpcError`; anything else (the transport's own -32000 bodies, web
 * pages, empty bodies) is a local `McpTransportError("http-status")` carrying the body.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http#protocol-version-header
 */
import type { JSONRPCErrorResponse, RequestId } from "@mcp-contract/api-types";
import { classifyErrorBody } from "../http-status-error.js";
import { JsonRpcError } from "../json-rpc-error.js";
import { McpTransportError } from "../mcp-transport-error.js";
import { readBoundedText } from "./read-sse.js";

/** The transport-level code (unknown session, refused origin, …): never a protocol answer. */
const TRANSPORT_CODE = -32000;
const MAX_ERROR_BODY_BYTES = 64 * 1024;
const MAX_TEXT_IN_MESSAGE = 200;

function asErrorResponse(value: unknown, id: RequestId | undefined): JSONRPCErrorResponse | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const error = record["error"] as Record<string, unknown> | undefined;
  if (record["jsonrpc"] !== "2.0" || typeof error !== "object" || error === null) return undefined;
  if (typeof error["code"] !== "number" || typeof error["message"] !== "string") return undefined;
  const answerId = record["id"];
  if (answerId !== null && answerId !== undefined && answerId !== id) return undefined;
  return value as JSONRPCErrorResponse;
}

/** The error for a non-2xx `response` to the request `id` (undefined for a notification). */
export async function answerError(method: string, url: URL, response: Response, id: RequestId | undefined): Promise<Error> {
  let text = "";
  try {
    text = await readBoundedText(response, url, MAX_ERROR_BODY_BYTES);
  } catch {
    // An unreadable body is reported as absent; the status still says what happened.
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const wire = asErrorResponse(json, id);
  if (wire && wire.error.code !== TRANSPORT_CODE) return new JsonRpcError(wire, { httpStatus: response.status });
  const body = classifyErrorBody(text);
  const what = wire ? wire.error.message : typeof body === "string" ? body.trim().slice(0, MAX_TEXT_IN_MESSAGE) : "";
  const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
  return new McpTransportError("http-status", `POST ${method} to ${url.href} answered ${status}${what ? `: ${what}` : ""}`, {
    status: response.status,
    body: body ?? undefined,
    cause: wire ?? body ?? response,
  });
}
