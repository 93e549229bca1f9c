/**
 * Opaque `tools/list` cursors. The offset is wrapped so clients treat it as a token, and anything
 * this server did not issue is recognised and refused (-32602).
 * @see https://modelcontextprotocol.io/specification/2025-06-18/server/utilities/pagination
 */

const PREFIX = "tools:";

/** The cursor of the page starting at `offset`. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`${PREFIX}${offset}`, "utf8").toString("base64url");
}

/** The offset in `cursor`, or undefined when it is not a cursor this server issued. */
export function decodeCursor(cursor: string): number | undefined {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(cursor)) return undefined;
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  const match = /^tools:(0|[1-9]\d{0,8})$/.exec(text);
  return match ? Number(match[1]) : undefined;
}
