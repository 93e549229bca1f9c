/**
 * The Streamable HTTP requests the checks send, over the runner's raw exchange (so every status,
 * header and byte is seen as sent): modern 2026-07-28 POSTs with their headers and `_meta`, and
 * 2025 `initialize` opening a session that is DELETEd when the check ends. Answers are read as
 * the spec allows them: one JSON object, or an SSE stream of JSON-RPC messages.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#streamable-http
 */
import { LATEST_MODERN_PROTOCOL_VERSION, MCP_HEADER, META_KEY } from "@mcp-contract/api-types";
import type { CheckContext } from "../run/check-context.js";
import type { Exchange } from "../wire/http-exchange.js";
import { readEventStream } from "../wire/event-stream-reader.js";
import { toolVersion } from "../version.js";

export const ACCEPT_BOTH = "application/json, text/event-stream";
const CLIENT_INFO = { name: "mcp-contract", version: toolVersion() };
/** The 2025 revision `initialize` asks for; a server may choose another it supports. */
export const LEGACY_REQUEST_VERSION = "2025-11-25";

export type JsonObject = Record<string, unknown>;

/** The request `_meta` every modern request carries. */
export function modernMeta(version: string = LATEST_MODERN_PROTOCOL_VERSION, capabilities: JsonObject = {}): JsonObject {
  return { [META_KEY.PROTOCOL_VERSION]: version, [META_KEY.CLIENT_CAPABILITIES]: capabilities, [META_KEY.CLIENT_INFO]: CLIENT_INFO };
}

export interface ModernPost {
  readonly method: string;
  readonly id?: number | string;
  readonly params?: JsonObject;
  /** Header overrides; a value of undefined drops that header. */
  readonly headers?: Readonly<Record<string, string | undefined>>;
  /** Leave `_meta` out of params. */
  readonly withoutMeta?: boolean;
  /** Leave these keys out of `_meta` (the rest, the header's protocolVersion included, stays right). */
  readonly metaWithout?: readonly string[];
  readonly version?: string;
  /** The client capabilities `_meta` declares (default none). */
  readonly capabilities?: JsonObject;
}

/** A modern POST: headers and `_meta` right unless the check says otherwise. */
export function postModern(ctx: CheckContext, post: ModernPost): Promise<Exchange> {
  const version = post.version ?? LATEST_MODERN_PROTOCOL_VERSION;
  const meta = Object.fromEntries(Object.entries(modernMeta(version, post.capabilities)).filter(([key]) => !post.metaWithout?.includes(key)));
  const params = post.withoutMeta ? { ...post.params } : { ...post.params, _meta: meta };
  const body = { jsonrpc: "2.0", id: post.id ?? 1, method: post.method, params };
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    Accept: ACCEPT_BOTH,
    [MCP_HEADER.PROTOCOL_VERSION]: version,
    [MCP_HEADER.METHOD]: post.method,
  };
  for (const [name, value] of Object.entries(post.headers ?? {})) {
    if (value === undefined) delete headers[name];
    else headers[name] = value;
  }
  return ctx.http({ method: "POST", url: ctx.sseUrl, headers, body: JSON.stringify(body) });
}

/** A 2025 session the check opened (DELETEd when the check ends), or why none opened. */
export type OpenedLegacy =
  | { readonly sessionId: string | undefined; readonly version: string; readonly exchange: Exchange }
  | { readonly problem: string; readonly exchange: Exchange };

/**
 * `initialize` asking for `requested`, then `notifications/initialized`; the session is ended when
 * the check ends. The server may choose another revision: `version` says which it chose.
 * `runHeaders` replaces the run's own headers on the `initialize` (to send it without the user's
 * credentials or with wrong ones); the rest of the session uses the run's.
 */
export async function openLegacy(
  ctx: CheckContext,
  headers: Readonly<Record<string, string>> = {},
  requested: string = LEGACY_REQUEST_VERSION,
  runHeaders?: Readonly<Record<string, string>>,
): Promise<OpenedLegacy> {
  const body = {
    jsonrpc: "2.0",
    id: 0,
    method: "initialize",
    params: { protocolVersion: requested, capabilities: {}, clientInfo: CLIENT_INFO },
  };
  const exchange = await ctx.http({
    method: "POST",
    url: ctx.sseUrl,
    headers: { "Content-Type": "application/json", Accept: ACCEPT_BOTH, ...headers },
    body: JSON.stringify(body),
    ...(runHeaders && { replaceHeaders: runHeaders }),
  });
  const answer = responseTo(exchange, 0);
  if (!answer || !isObject(answer["result"])) {
    return { problem: `initialize was not answered with an InitializeResult (${describe(exchange)})`, exchange };
  }
  const version = String((answer["result"] as JsonObject)["protocolVersion"] ?? requested);
  const sessionId = header(exchange, MCP_HEADER.SESSION_ID);
  if (sessionId !== undefined) {
    ctx.onDispose(() => {
      void ctx.http({ method: "DELETE", url: ctx.sseUrl, headers: { [MCP_HEADER.SESSION_ID]: sessionId, [MCP_HEADER.PROTOCOL_VERSION]: version }, timeoutMs: 1000 });
    });
  }
  await postLegacy(ctx, { sessionId, version }, { jsonrpc: "2.0", method: "notifications/initialized" });
  return { sessionId, version, exchange };
}

/** A POST in an opened 2025 session (one message, or a batch), with its id and revision headers unless overridden. */
export function postLegacy(
  ctx: CheckContext,
  session: { readonly sessionId: string | undefined; readonly version: string },
  message: JsonObject | readonly JsonObject[],
  headers: Readonly<Record<string, string | undefined>> = {},
): Promise<Exchange> {
  const all: Record<string, string> = {
    "Content-Type": "application/json",
    Accept: ACCEPT_BOTH,
    [MCP_HEADER.PROTOCOL_VERSION]: session.version,
    ...(session.sessionId !== undefined && { [MCP_HEADER.SESSION_ID]: session.sessionId }),
  };
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) delete all[name];
    else all[name] = value;
  }
  return ctx.http({ method: "POST", url: ctx.sseUrl, headers: all, body: JSON.stringify(message) });
}

/** A response header's value (names compared case-insensitively, as HTTP says). */
export function header(exchange: Exchange, name: string): string | undefined {
  const value = exchange.response?.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(", ") : value;
}

/** The media type of the answer, lower case, parameters dropped. */
export function mediaType(exchange: Exchange): string {
  return (header(exchange, "content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

/** Every JSON-RPC message of the answer: the JSON body, or each SSE event's data. */
export function messagesOf(exchange: Exchange): unknown[] {
  const body = exchange.response?.body.toString("utf8") ?? "";
  const type = mediaType(exchange);
  if (type === "application/json") {
    try {
      const parsed = JSON.parse(body) as unknown;
      return Array.isArray(parsed) ? parsed : [parsed];
    } catch {
      return [];
    }
  }
  if (type !== "text/event-stream") return [];
  // Read by the WHATWG rules, so a legal CR-only answer is not taken for an empty one.
  const messages: unknown[] = [];
  for (const event of readEventStream(exchange.response?.body ?? Buffer.alloc(0)).events) {
    if (event.data === "") continue;
    try {
      messages.push(JSON.parse(event.data));
    } catch {
      // Not JSON: the framing checks say so; here it is simply not a message.
    }
  }
  return messages;
}

/** The response (result or error) bearing `id`, if the answer holds one. */
export function responseTo(exchange: Exchange, id: number | string): JsonObject | undefined {
  return messagesOf(exchange).find(
    (message): message is JsonObject => isObject(message) && message["id"] === id && ("result" in message || "error" in message),
  );
}

/** The JSON-RPC error code of the answer's error bearing `id` (or a null id), if any. */
export function errorCodeOf(exchange: Exchange, id: number | string): number | undefined {
  const message = messagesOf(exchange).find((m): m is JsonObject => isObject(m) && "error" in m && (m["id"] === id || m["id"] === null));
  const error = message?.["error"];
  return isObject(error) && typeof error["code"] === "number" ? error["code"] : undefined;
}

/** `status content-type` or what went wrong, for messages. */
export function describe(exchange: Exchange): string {
  if (!exchange.response) return exchange.error ?? "no answer";
  const type = header(exchange, "content-type");
  return `${exchange.response.status}${type ? ` ${type}` : ""}`;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
