/**
 * The dialects' paths, as the contracts spell them.
 * @see openapi/session.yaml and openapi/message.yaml
 */

/** Spice: the stream (GET) and its messages (POST) share one path. */
export const SPICE_PATH = "/v1/mcp/sse";
/** The reference server's own Streamable HTTP endpoint (the spec's "MCP endpoint"). */
export const MCP_PATH = "/mcp";
/** Spice's Streamable HTTP endpoint (rmcp sessions). */
export const SPICE_MCP_PATH = "/v1/mcp";
/** OpenSearch 3.3+'s stateless Streamable HTTP endpoint. */
export const OPENSEARCH_MCP_PATH = "/_plugins/_ml/mcp";
/** OpenSearch stream. */
export const OPENSEARCH_STREAM_PATH = "/_plugins/_ml/mcp/sse";
/** OpenSearch messages, as the endpoint data reads with `append_to_base_url=true`. */
export const OPENSEARCH_MESSAGE_PATH = "/_plugins/_ml/mcp/sse/message";
/** Where the default OpenSearch endpoint data lands when resolved as a URL (WHATWG). */
export const OPENSEARCH_ROOT_MESSAGE_PATH = "/sse/message";
/** Celonis per-asset stream (GET) and synchronous messages (POST): the prefix plus `{asset_id}`. */
export const CELONIS_PREFIX = "/studio-copilot/api/v1/mcp-servers/mcp/";

/** The SSE URL of each dialect on `baseUrl`, as main.ts prints them. */
export function dialectUrls(baseUrl: string): { spice: string; opensearch: string; celonis: string } {
  return {
    spice: baseUrl + SPICE_PATH,
    opensearch: baseUrl + OPENSEARCH_STREAM_PATH,
    celonis: `${baseUrl}${CELONIS_PREFIX}builtin`,
  };
}
