/**
 * `/mcp`, the reference server's own MCP endpoint, in the eras `--eras` asks for: both (the
 * default, chosen per request), 2026-07-28 only (GET and DELETE 405, `Mcp-Session-Id` and
 * `Last-Event-ID` ignored), or the legacy transport alone.
 * @see openapi/streamable.yaml (/mcp)
 */
import type { McpEras } from "../config/server-config.js";
import { dualEraEndpoint, MODERN_ONLY_ENDPOINT } from "../modern/dual-era-endpoint.js";
import { MCP_LEGACY_ONLY, MCP_LEGACY_PROFILE } from "../streamable/legacy-mcp-endpoint.js";
import type { Endpoint } from "../transport/endpoint.js";

/** Both eras, sessions as the spec's defaults have them (400 without one). */
export const MCP_DUAL: Endpoint = dualEraEndpoint(MCP_LEGACY_PROFILE);

/** The `/mcp` endpoint for `eras`. */
export function mcpEndpoint(eras: McpEras): Endpoint {
  return eras === "modern" ? MODERN_ONLY_ENDPOINT : eras === "legacy" ? MCP_LEGACY_ONLY : MCP_DUAL;
}
