/**
 * Encodes a value for `Mcp-Name` / `Mcp-Param-*`: plain when header-safe, otherwise the Base64
 * sentinel form `=?base64?…?=` of its UTF-8 bytes.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http#value-encoding
 */

// Visible ASCII, with space and tab allowed only inside (no leading or trailing whitespace).
const HEADER_SAFE = /^[\x21-\x7e](?:[\x20-\x7e\t]*[\x21-\x7e])?$/;
// A plain value that looks like the sentinel must be encoded too, or it would be decoded.
const SENTINEL = /^=\?base64\?.*\?=$/s;

/** Whether `value` can travel as a plain header value. */
export function isHeaderSafe(value: string): boolean {
  return HEADER_SAFE.test(value) && !SENTINEL.test(value);
}

/** The header value that carries `value`: itself, or `=?base64?<Base64 of its UTF-8>?=`. */
export function encodeHeaderValue(value: string): string {
  if (isHeaderSafe(value)) return value;
  return `=?base64?${Buffer.from(value, "utf8").toString("base64")}?=`;
}
