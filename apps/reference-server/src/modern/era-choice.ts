/**
 * Which era a session-less POST to a dual-era endpoint belongs to. versioning.mdx: a request with
 * modern per-request `_meta` is served statelessly, `initialize` opens a legacy session. A request
 * with neither is a 2025 client's (it has no session yet, or forgot it), answered as a 2025 server
 * would; one with modern marks but broken ones is modern, so it gets the modern error that says
 * what to fix.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/versioning#backward-compatibility-with-initialization-based-versions
 */
import type { IncomingHttpHeaders } from "node:http";
import { META_KEY } from "@mcp-contract/api-types";
import { isLegacyRevision } from "./modern-post.js";

/**
 * Whether `body` (with `headers`, no `Mcp-Session-Id`) is a modern request: one with a non-2025
 * `MCP-Protocol-Version`, or else not `initialize` and marked modern by an `Mcp-Method` header or
 * `_meta` carrying a non-2025 protocolVersion or clientCapabilities.
 */
export function isModernRequest(headers: IncomingHttpHeaders, body: unknown): boolean {
  const version = headers["mcp-protocol-version"];
  const single = body !== null && typeof body === "object" && !Array.isArray(body);
  const message = single ? (body as Record<string, unknown>) : undefined;
  // A 2026-07-28 header decides, even for initialize: such a client gets the modern 404 for it.
  if (version !== undefined && !isLegacyRevision(version)) return true;
  if (message?.["method"] === "initialize") return false;
  if (headers["mcp-method"] !== undefined) return true;
  const params = message?.["params"];
  const meta = params !== null && typeof params === "object" ? (params as Record<string, unknown>)["_meta"] : undefined;
  if (meta === null || typeof meta !== "object") return false;
  const record = meta as Record<string, unknown>;
  const metaVersion = record[META_KEY.PROTOCOL_VERSION];
  if (metaVersion !== undefined && !isLegacyRevision(metaVersion)) return true;
  return record[META_KEY.CLIENT_CAPABILITIES] !== undefined && !isLegacyRevision(version ?? metaVersion);
}
