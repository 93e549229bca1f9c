/**
 * The request-metadata headers of a 2026-07-28 POST: `MCP-Protocol-Version`, `Mcp-Method` and
 * `Mcp-Name`. Node lowercases header names, so they are matched case-insensitively for free;
 * values are compared exactly (case-sensitive), and an `Mcp-Name` in the Base64 sentinel form
 * `=?base64?…?=` is decoded first.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http#request-metadata
 */
import type { IncomingHttpHeaders } from "node:http";
import { BASE64_SENTINEL } from "@mcp-contract/api-types";

/**
 * One or more visible ASCII characters (`/^[\x21-\x7e]+$/`): protocol versions, method names and
 * session ids have no spaces. Loops, here and in isPlain, not the regexes: the header checks run
 * three times on every 2026-07-28 POST, and the regex calls cost more than the checks.
 */
export function isToken(value: string): boolean {
  if (value.length === 0) return false;
  for (let i = 0; i < value.length; i++) if (!isVisible(value.charCodeAt(i))) return false;
  return true;
}

/**
 * A plain header value (`/^[\x21-\x7e](?:[\x20\x21-\x7e\t]*[\x21-\x7e])?$/`): visible ASCII,
 * inner spaces and tabs allowed (RFC 9110 §5.5).
 */
function isPlain(value: string): boolean {
  const last = value.length - 1;
  if (last < 0 || !isVisible(value.charCodeAt(0)) || !isVisible(value.charCodeAt(last))) return false;
  for (let i = 1; i < last; i++) {
    const code = value.charCodeAt(i);
    if (!isVisible(code) && code !== 0x20 && code !== 0x09) return false;
  }
  return true;
}

function isVisible(code: number): boolean {
  return code >= 0x21 && code <= 0x7e;
}

/** Standard Base64 with padding (RFC 4648 §4), the encoding the sentinel form uses. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** One header read: absent, unusable (with why), or its value. */
export type HeaderRead = { readonly kind: "absent" } | { readonly kind: "invalid"; readonly why: string } | { readonly kind: "value"; readonly value: string };

const ABSENT: HeaderRead = { kind: "absent" };

/** A single-token header (`MCP-Protocol-Version`, `Mcp-Method`). */
export function tokenHeader(headers: IncomingHttpHeaders, name: string): HeaderRead {
  const value = headers[name];
  if (value === undefined) return ABSENT;
  // Node joins a repeated header with ", ", which the token rule refuses as well.
  if (typeof value !== "string" || !isToken(value)) return { kind: "invalid", why: "must be one value of visible ASCII characters" };
  return { kind: "value", value };
}

/** `Mcp-Name`, decoded from the sentinel form when it is in it. */
export function nameHeader(headers: IncomingHttpHeaders): HeaderRead {
  const value = headers["mcp-name"];
  if (value === undefined) return ABSENT;
  if (typeof value !== "string" || !isPlain(value)) {
    return { kind: "invalid", why: `has characters a header cannot carry; send such a name as ${BASE64_SENTINEL.PREFIX}<base64 of its UTF-8>${BASE64_SENTINEL.SUFFIX}` };
  }
  if (!value.startsWith(BASE64_SENTINEL.PREFIX) || !value.endsWith(BASE64_SENTINEL.SUFFIX) || value.length < BASE64_SENTINEL.PREFIX.length + BASE64_SENTINEL.SUFFIX.length) {
    return { kind: "value", value };
  }
  const encoded = value.slice(BASE64_SENTINEL.PREFIX.length, value.length - BASE64_SENTINEL.SUFFIX.length);
  if (!BASE64.test(encoded)) return { kind: "invalid", why: `'${value.slice(0, 80)}' is in the ${BASE64_SENTINEL.PREFIX}…${BASE64_SENTINEL.SUFFIX} form but is not valid Base64` };
  const decoded = Buffer.from(encoded, "base64");
  const text = decoded.toString("utf8");
  // A byte sequence that is not UTF-8 decodes to U+FFFD and would not round-trip.
  if (!Buffer.from(text, "utf8").equals(decoded)) return { kind: "invalid", why: "decodes to bytes that are not UTF-8" };
  return { kind: "value", value: text };
}
