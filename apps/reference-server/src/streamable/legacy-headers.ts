/**
 * The request headers a legacy (2025) Streamable HTTP session reads: `Mcp-Session-Id`,
 * `MCP-Protocol-Version`, `Accept` and `Last-Event-ID`, each turned into a value or the 400 that
 * says what was wrong with it.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#session-management
 */
import type { IncomingHttpHeaders } from "node:http";
import { LEGACY_STREAMABLE_PROTOCOL_VERSIONS, MCP_HEADER } from "@mcp-contract/api-types";
import { HttpError } from "../errors.js";
import { isToken } from "../modern/request-headers.js";

/** What a request's `Accept` lets the server answer with. */
export interface Acceptable {
  readonly json: boolean;
  readonly sse: boolean;
}

const ANY: Acceptable = { json: true, sse: true };
const JSON_ONLY: Acceptable = { json: true, sse: false };
const SSE_ONLY: Acceptable = { json: false, sse: true };
const NEITHER: Acceptable = { json: false, sse: false };

/**
 * Which of `application/json` and `text/event-stream` the `Accept` header allows. No header means
 * any (RFC 9110 §12.5.1); wildcards count, and a range with `q=0` is refused.
 */
export function acceptable(header: string | undefined): Acceptable {
  // The one header every SDK client sends: no parsing on the hot path.
  if (header === undefined || header === "application/json, text/event-stream") return ANY;
  let json = false;
  let sse = false;
  for (const part of header.split(",")) {
    const [range = "", ...params] = part.split(";");
    if (params.some((param) => /^\s*q\s*=\s*0(\.0*)?\s*$/i.test(param))) continue;
    const type = range.trim().toLowerCase();
    if (type === "*/*") return ANY;
    if (type === "application/json" || type === "application/*") json = true;
    else if (type === "text/event-stream" || type === "text/*") sse = true;
  }
  return json ? (sse ? ANY : JSON_ONLY) : sse ? SSE_ONLY : NEITHER;
}

/** The `Mcp-Session-Id` the request names, or undefined; 400 when it is sent twice or is not visible ASCII. */
export function sessionIdHeader(headers: IncomingHttpHeaders): string | undefined {
  const value = headers["mcp-session-id"];
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !isToken(value)) {
    // Node joins repeated unknown headers with ", ", which the visible-ASCII rule rejects.
    throw new HttpError(
      400,
      "missing_session_id",
      `Bad request: ${MCP_HEADER.SESSION_ID} must be one id of visible ASCII characters, as initialize returned it.`,
    );
  }
  return value;
}

/**
 * Checks `MCP-Protocol-Version` on a session's request. Absent is fine: the session's negotiated
 * revision stands (the spec's 2025-03-26 default is for servers with no other way to know). A
 * legacy revision this server supports is accepted even when initialize agreed another: the spec
 * asks the client to send the negotiated one (a SHOULD) and the server to refuse only an invalid
 * or unsupported one (a MUST, 400); the session goes on in its negotiated revision. 2026-07-28 has
 * no sessions, so it is unsupported here.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#protocol-version-header
 */
export function checkProtocolVersion(headers: IncomingHttpHeaders, negotiated: string | undefined): void {
  const value = headers["mcp-protocol-version"];
  if (value === undefined || value === negotiated || (LEGACY_STREAMABLE_PROTOCOL_VERSIONS as readonly unknown[]).includes(value)) return;
  const shown = String(value).slice(0, 40);
  const served = LEGACY_STREAMABLE_PROTOCOL_VERSIONS.join(", ");
  const message = `Bad request: unsupported ${MCP_HEADER.PROTOCOL_VERSION} '${shown}'; a session speaks one of ${served} (send '${negotiated ?? DEFAULT_LEGACY_VERSION}', the one initialize agreed).`;
  throw new HttpError(400, "invalid_protocol_version", message, { data: { supported: [...LEGACY_STREAMABLE_PROTOCOL_VERSIONS] } });
}

/** The revision a session without the header is assumed to speak (the spec's backwards-compatible default). */
export const DEFAULT_LEGACY_VERSION = "2025-03-26";

/** A `Last-Event-ID` this server issued: the stream and the position in the session's event order. */
export interface EventId {
  readonly stream: number;
  readonly seq: number;
}

/** Formats an SSE event id: `<stream>:<seq>`, the stream first so a resumption finds its stream. */
export function formatEventId(stream: number, seq: number): string {
  return `${stream}:${seq}`;
}

/** Parses `Last-Event-ID`; 400 when it is not an id of this form. */
export function lastEventIdHeader(headers: IncomingHttpHeaders): EventId | undefined {
  const value = headers["last-event-id"];
  if (value === undefined) return undefined;
  const match = typeof value === "string" ? /^(\d{1,9}):(\d{1,15})$/.exec(value) : null;
  if (!match) {
    throw new HttpError(
      400,
      "invalid_request",
      `Bad request: ${MCP_HEADER.LAST_EVENT_ID} '${String(value).slice(0, 40)}' is not an event id this server issued (they look like '3:17').`,
    );
  }
  return { stream: Number(match[1]), seq: Number(match[2]) };
}
