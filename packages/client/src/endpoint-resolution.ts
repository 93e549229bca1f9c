/**
 * Turns the data of the stream's `endpoint` event into the URL to POST messages to.
 * @see https://modelcontextprotocol.io/specification/2024-11-05/basic/transports#http-with-sse
 */
import { McpTransportError } from "./mcp-transport-error.js";

/**
 * - `"url"` (default): `new URL(data, sseUrl)`, as the TypeScript and Python MCP SDKs do. Query-only
 *   (`?sessionId=…`), relative-path and absolute-path (`/x/message?…`) data and absolute URLs work.
 * - `"append-to-base"`: the Java MCP client's string concatenation, which OpenSearch's default
 *   endpoint data (`append_to_base_url=false`) is written for. See {@link appendToBase}.
 */
export type EndpointResolution = "url" | "append-to-base";

export interface ResolveEndpointOptions {
  readonly resolution?: EndpointResolution | undefined;
  /** Refuse an endpoint on another origin than the stream (default `true`, as the MCP SDK does). */
  readonly sameOrigin?: boolean | undefined;
}

/**
 * The base the Java client appends to: the SSE URL without its query, fragment and last path
 * segment. For `http://h/_plugins/_ml/mcp/sse?x=1` that is `http://h/_plugins/_ml/mcp`.
 */
export function javaBaseUrl(sseUrl: URL): string {
  const path = sseUrl.pathname.replace(/\/[^/]*$/, "");
  return `${sseUrl.origin}${path}`;
}

/**
 * `javaBaseUrl(sseUrl) + data`, a plain string concatenation: no slash is added or removed, and
 * the SSE URL's query is not kept. `/sse/message?sessionId=1` on `http://h/_plugins/_ml/mcp/sse`
 * gives `http://h/_plugins/_ml/mcp/sse/message?sessionId=1`; `?sessionId=1` gives
 * `http://h/_plugins/_ml/mcp?sessionId=1`. Returns the concatenated string, unparsed.
 */
export function appendToBase(data: string, sseUrl: URL): string {
  return javaBaseUrl(sseUrl) + data;
}

/** Resolves the endpoint event's data; throws `McpTransportError("bad-endpoint")` when it cannot be used. */
export function resolveEndpoint(data: string, sseUrl: URL, options: ResolveEndpointOptions = {}): URL {
  const { resolution = "url", sameOrigin = true } = options;
  const candidate = resolution === "append-to-base" ? appendToBase(data, sseUrl) : data;
  if (data.trim() === "") {
    const message = `The endpoint event of ${sseUrl} has empty data: expected the URL to POST messages to.`;
    throw new McpTransportError("bad-endpoint", message, { cause: data });
  }
  let endpoint: URL;
  try {
    endpoint = new URL(candidate, sseUrl);
  } catch (cause) {
    const message = `The endpoint event's data '${data}' does not resolve to a URL against ${sseUrl}.`;
    throw new McpTransportError("bad-endpoint", message, { cause });
  }
  if (sameOrigin && endpoint.origin !== sseUrl.origin) {
    throw new McpTransportError(
      "bad-endpoint",
      `The endpoint ${endpoint.href} is on another origin than the stream (${sseUrl.origin}); refused. ` +
        "Pass sameOrigin: false to allow it.",
      { cause: data },
    );
  }
  return endpoint;
}
