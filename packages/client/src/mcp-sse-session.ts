/**
 * An MCP session over HTTP+SSE: the MCP calls of {@link McpSession} on the HTTP+SSE transport
 * ({@link SseJsonRpcConnection}), plus what only that transport has (its endpoint and state).
 * @see https://modelcontextprotocol.io/specification/2024-11-05/basic/transports#http-with-sse
 */
import { McpSession } from "./session/mcp-session.js";
import type { SessionState, SseJsonRpcConnection } from "./sse-json-rpc-connection.js";

export { DEFAULT_CLIENT_INFO } from "./client-info.js";
export { DEFAULT_PROTOCOL_VERSION } from "./session/mcp-session.js";
export type { CallToolOptions } from "./session/mcp-session.js";

/** An open MCP session on an HTTP+SSE stream. Created by `openSession`. */
export class McpSseSession extends McpSession<SseJsonRpcConnection> {
  get sseUrl(): URL {
    return this.transport.sseUrl;
  }

  /** The URL messages are POSTed to, resolved from the `endpoint` event. */
  get endpoint(): URL {
    return this.transport.endpoint;
  }

  /** Resolves with the POST URL, or rejects if the stream ends first or the endpoint is refused. */
  get endpointReady(): Promise<URL> {
    return this.transport.endpointReady;
  }

  get state(): SessionState {
    return this.transport.state;
  }
}
