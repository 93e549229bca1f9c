/**
 * @mcp-contract/client: typed HTTP clients for the registry and message APIs (openapi-fetch over
 * the generated types), and an SSE session client that works on every dialect of the contract.
 */
export { createRegistryClient, createMessageClient, credentialsMiddleware } from "./http-client.js";
export type { HttpClientOptions, RegistryClient, MessageClient } from "./http-client.js";
export type { ConnectionOptions, FetchLike, HeadersLike } from "./connection-options.js";
export { openSession } from "./open-session.js";
export { McpSseSession, DEFAULT_CLIENT_INFO, DEFAULT_PROTOCOL_VERSION } from "./mcp-sse-session.js";
export type { CallToolOptions } from "./mcp-sse-session.js";
export { SseJsonRpcConnection } from "./sse-json-rpc-connection.js";
export type { SessionEvents, SessionState } from "./sse-json-rpc-connection.js";
export type { SessionOptions, RequestOptions } from "./session-options.js";
export { connect } from "./connect/connect.js";
export type { ConnectOptions, ConnectTransport } from "./connect/connect.js";
export { ConnectedSession } from "./connect/connected-session.js";
export type { ConnectionInfo, Era } from "./connect/connected-session.js";
export { McpSession } from "./session/mcp-session.js";
export type { McpTransport, TransportEvents, TransportName } from "./session/mcp-transport.js";
export { ModernTransport } from "./streamable/modern-transport.js";
export type { ModernTransportOptions, ClientCapabilities } from "./streamable/modern-transport.js";
export type { StreamableOptions, StreamableRequestOptions } from "./streamable/streamable-transport.js";
export { StatefulTransport } from "./streamable/stateful-transport.js";
export type { StatefulTransportOptions, ExistingSession } from "./streamable/stateful-transport.js";
export { Subscription } from "./streamable/subscription.js";
export type { SubscriptionFilter, SubscriptionEvents } from "./streamable/subscription.js";
export type { JsonRpcResult } from "./pending-requests.js";
export { resolveEndpoint, appendToBase, javaBaseUrl } from "./endpoint-resolution.js";
export type { EndpointResolution, ResolveEndpointOptions } from "./endpoint-resolution.js";
export { JsonRpcError } from "./json-rpc-error.js";
export { McpTransportError } from "./mcp-transport-error.js";
export type { McpTransportErrorKind, HttpErrorBody } from "./mcp-transport-error.js";
