/**
 * Which dialect a target speaks, told by its URL path or, failing that, by its endpoint event.
 * @see ../../../openapi/session.yaml (the dialect table)
 */
import type { Profile } from "../report/model.js";

/** Every profile a check may apply to. */
export const PROFILES: readonly Profile[] = ["generic", "spice", "opensearch", "celonis"];

/** The dialect whose stream path the URL ends with, if any. */
export function profileFromUrl(url: URL): Profile | undefined {
  const path = url.pathname.replace(/\/+$/, "");
  if (path.endsWith("/v1/mcp/sse")) return "spice";
  if (path.endsWith("/_plugins/_ml/mcp/sse")) return "opensearch";
  if (/\/studio-copilot\/api\/v1\/mcp-servers\/mcp\/[^/]+$/.test(path)) return "celonis";
  return undefined;
}

/**
 * The dialect whose Streamable HTTP endpoint the URL ends with, if any: Spice's `/v1/mcp`,
 * OpenSearch's `/_plugins/_ml/mcp`. Read only once the target is known to be Streamable HTTP
 * (the HTTP+SSE paths above decide the transport; these do not).
 * @see ../../../openapi/streamable.yaml
 */
export function streamableProfileFromUrl(url: URL): Profile | undefined {
  const path = url.pathname.replace(/\/+$/, "");
  if (path.endsWith("/v1/mcp")) return "spice";
  if (path.endsWith("/_plugins/_ml/mcp")) return "opensearch";
  return undefined;
}

/** The dialect an endpoint event's data gives away, if any. */
export function profileFromEndpoint(data: string, sseUrl: URL): Profile | undefined {
  let path: string;
  try {
    path = new URL(data, sseUrl).pathname;
  } catch {
    return undefined;
  }
  if (data.startsWith("/sse/message?") || path.endsWith("/_plugins/_ml/mcp/sse/message")) return "opensearch";
  if (path.endsWith("/v1/mcp/sse")) return "spice";
  return undefined;
}
