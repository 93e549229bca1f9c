/**
 * Which Streamable HTTP era a described POST is, from the headers it takes: `Mcp-Method` /
 * `Mcp-Name` are 2026-07-28's (modern), `Mcp-Session-Id` is a 2025 session's, and
 * `MCP-Protocol-Version` alone a 2025 stateless server's. A POST with none of them is not judged
 * as Streamable HTTP (it is an HTTP+SSE message POST, or not MCP).
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#streamable-http
 */
import { deref, type Json } from "./spec-walk.js";

export type StreamableEra = "modern" | "dual-era" | "stateful" | "stateless";

/** How an era is named in lint-spec's output. */
export const ERA_LABEL: Record<StreamableEra, string> = {
  modern: "Streamable HTTP, 2026-07-28 (modern, no sessions)",
  "dual-era": "Streamable HTTP, dual-era (2026-07-28 and 2025 sessions)",
  stateful: "Streamable HTTP, 2025 (sessions)",
  stateless: "Streamable HTTP, 2025 (stateless)",
};

/** The header parameter names (lower case) the POST and its path item take. */
export function headerNames(doc: Json, item: Json, op: Json): Set<string> {
  const names = new Set<string>();
  for (const parameter of [...asArray(item["parameters"]), ...asArray(op["parameters"])]) {
    const resolved = deref(doc, parameter);
    if (resolved?.["in"] === "header" && typeof resolved["name"] === "string") names.add(resolved["name"].toLowerCase());
  }
  return names;
}

/** The era the POST describes, or undefined when it takes none of the Streamable HTTP headers. */
export function streamableEra(doc: Json, item: Json, post: Json): StreamableEra | undefined {
  const headers = headerNames(doc, item, post);
  const modern = headers.has("mcp-method") || headers.has("mcp-name");
  const session = headers.has("mcp-session-id");
  if (modern) return session ? "dual-era" : "modern";
  if (session) return "stateful";
  return headers.has("mcp-protocol-version") ? "stateless" : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
