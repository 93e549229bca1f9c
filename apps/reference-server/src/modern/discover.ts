/**
 * The `server/discover` answer: every revision the endpoint serves (modern first, then the legacy
 * ones it opens sessions for), the capabilities, and how long a client may cache it. Built once
 * per endpoint kind, since nothing in it depends on the request.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/server/discover
 */
import { LEGACY_STREAMABLE_PROTOCOL_VERSIONS, META_KEY, MODERN_PROTOCOL_VERSIONS, type DiscoverResult } from "@mcp-contract/api-types";
import { SERVER_INFO } from "../mcp/mcp-methods.js";

/** How long a client may keep the answer: it changes only when the server is restarted with other flags. */
const TTL_MS = 60_000;

/** Every revision served, newest first: modern ones, and the legacy ones when sessions are served too. */
export function supportedVersions(withLegacy: boolean): readonly string[] {
  const modern = [...MODERN_PROTOCOL_VERSIONS].reverse();
  return withLegacy ? [...modern, ...[...LEGACY_STREAMABLE_PROTOCOL_VERSIONS].reverse()] : modern;
}

/** The DiscoverResult of an endpoint serving `supported`. */
export function discoverResult(supported: readonly string[]): DiscoverResult {
  return {
    resultType: "complete",
    supportedVersions: [...supported],
    // listChanged: `subscriptions/listen` with toolsListChanged announces registry changes.
    capabilities: { tools: { listChanged: true } },
    ttlMs: TTL_MS,
    cacheScope: "public",
    _meta: { [META_KEY.SERVER_INFO]: SERVER_INFO },
  };
}
