/**
 * The seam between MCP calls and the wire: what a session needs from any transport (HTTP+SSE,
 * 2025 stateful Streamable HTTP, 2026-07-28 modern Streamable HTTP) to send JSON-RPC and hear back.
 * Sessions are built on a transport; they do not inherit from one.
 */
import type { JSONRPCMessage, JSONRPCNotification, JSONRPCRequest, RequestId } from "@mcp-contract/api-types";
import type { McpTransportError } from "../mcp-transport-error.js";
import type { RequestOptions } from "../session-options.js";

/** What a transport reports besides answers to its own requests. */
export interface TransportEvents {
  /** Every JSON-RPC message received, on a stream or in a POST's answer (batches split). */
  message: JSONRPCMessage;
  /** A server-initiated notification (`notifications/progress`, `notifications/message`, …). */
  notification: JSONRPCNotification;
  /** A server-initiated request (`ping`, `sampling/createMessage`, …); answer it with `send`. */
  request: JSONRPCRequest;
  /** An SSE comment, which servers send as keep-alives; the text after the colon. */
  keepalive: string;
  /** Data that is not a JSON-RPC message. It is otherwise ignored. */
  malformed: { readonly data: string; readonly reason: string };
  /** The transport is over: the server ended it, it broke, or `close()` was called. */
  end: McpTransportError;
}

/** Which wire a transport speaks. */
export type TransportName = "http+sse" | "streamable-http-stateful" | "streamable-http-modern";

/** JSON-RPC over one MCP connection. Every method of a session goes through these. */
export interface McpTransport {
  readonly name: TransportName;
  /** The URL the transport was opened on (the SSE URL, or the MCP endpoint). */
  readonly url: URL;
  /** How many requests await an answer. */
  readonly pendingCount: number;
  /** Resolves, never rejects, once the transport is over, with the reason. */
  readonly ended: Promise<McpTransportError>;
  /** The next free request id. */
  nextRequestId(): RequestId;
  /**
   * Sends a request and resolves with its `result`; rejects with `JsonRpcError` (the server's
   * error answer) or `McpTransportError` (everything local). `Result` is not validated.
   */
  request<Result>(method: string, params?: JSONRPCRequest["params"], options?: RequestOptions): Promise<Result>;
  /** Sends a notification. */
  notify(method: string, params?: JSONRPCNotification["params"]): Promise<void>;
  /** Sends any JSON-RPC message, e.g. the answer to a server's request. */
  send(message: JSONRPCMessage): Promise<void>;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<Type extends keyof TransportEvents>(type: Type, listener: (payload: TransportEvents[Type]) => void): () => void;
  /** Ends the transport; pending requests reject with `stream-closed`. */
  close(): Promise<void>;
}
