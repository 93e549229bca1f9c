/**
 * What the JSON-RPC layer needs from whoever carried a message in: an SSE session, or a Celonis
 * synchronous exchange. Keeping it an interface lets the Session object itself be the context, so
 * the hot path allocates nothing per message for it.
 */
import type { ServerMessage } from "@mcp-contract/api-types";
import type { ToolScope } from "../tools/tool-source.js";
import type { RateWindow } from "../mcp/rate-limiter.js";

export interface RpcContext {
  /** Which tools this peer sees. */
  readonly scope: ToolScope;
  /** The protocol revision agreed by `initialize`; undefined before it. */
  protocolVersion: string | undefined;
  /** Set by `notifications/initialized`. */
  initialized: boolean;
  /** Counts `tools/call` for the rate limit, and what it is counted for (in the retry message). */
  readonly rateWindow: RateWindow;
  readonly rateSubject: "session" | "asset";
  /**
   * The revisions `initialize` may agree on over this transport, oldest first, the last being the
   * answer to an unknown one; absent, SUPPORTED_PROTOCOL_VERSIONS (the HTTP+SSE transport's).
   */
  readonly offeredVersions?: readonly string[];
  /**
   * Whom `notifications/cancelled` is keyed by; absent, the context itself. A transport whose
   * context lives for one request (Streamable HTTP) names the session, where the cancellation of a
   * request arrives in another POST.
   */
  readonly peer?: object;
  /**
   * The client capabilities a 2026-07-28 request declared in its `_meta`; absent on transports
   * whose client declared them once at `initialize` (the tools that need them are modern-only).
   */
  readonly clientCapabilities?: Readonly<Record<string, unknown>>;
  /** Aborted when the peer goes away, so long tool calls can stop. */
  readonly signal: AbortSignal;
  /** Sends a server-initiated message (progress) to the peer, if it has a channel for them. */
  notify(message: ServerMessage): void;
  /** Delivers the answer to what was posted; undefined when nothing is to be answered. */
  reply(answer: ServerMessage | undefined): void;
}
