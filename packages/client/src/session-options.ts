/**
 * Options of `openSession`: how to connect, how to resolve the endpoint, and default time bounds.
 */
import type { RequestId } from "@mcp-contract/api-types";
import type { ConnectionOptions } from "./connection-options.js";
import type { EndpointResolution } from "./endpoint-resolution.js";

export interface SessionOptions extends ConnectionOptions {
  /** How the `endpoint` event's data becomes the POST URL (default `"url"`). */
  readonly endpointResolution?: EndpointResolution | undefined;
  /** Refuse an endpoint on another origin than the stream (default `true`). */
  readonly sameOrigin?: boolean | undefined;
  /** How long to wait for the `endpoint` event (default 10 s). */
  readonly endpointTimeoutMs?: number | undefined;
  /** Default per-request time bound (default 60 s, the MCP SDK's default). */
  readonly requestTimeoutMs?: number | undefined;
  /** Aborts opening; aborting later ends the stream, as the server ending it would. */
  readonly signal?: AbortSignal | undefined;
}

/** Per-request options. */
export interface RequestOptions {
  /** Rejects with `McpTransportError("timeout")` after this long (default: the session's). */
  readonly timeoutMs?: number | undefined;
  /** Rejects with `McpTransportError("aborted")` when it fires. */
  readonly signal?: AbortSignal | undefined;
  /** The JSON-RPC id to use instead of the next number; it must not be in flight already. */
  readonly id?: RequestId | undefined;
}

export const DEFAULT_ENDPOINT_TIMEOUT_MS = 10_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
