/**
 * What the routes share: built once by createApp, passed to every route function, so routes stay
 * module functions with no per-request closures.
 */
import type { Logger } from "./errors.js";
import type { ServerConfig } from "./config/server-config.js";
import type { RouteHandler } from "./http/route-handler.js";
import type { CallerCredentials } from "./http/credentials.js";
import type { OriginPolicy } from "./http/origin-policy.js";
import type { Dispatcher } from "./jsonrpc/dispatcher.js";
import type { RateWindow } from "./mcp/rate-limiter.js";
import type { ToolCatalog } from "./mcp/tool-catalog.js";
import type { ListenStreams } from "./modern/listen-streams.js";
import type { SessionRegistry } from "./session/session-registry.js";
import type { KeepAlive } from "./sse/keep-alive.js";
import type { StreamableSessions } from "./streamable/session-store.js";

export interface AppContext {
  readonly config: ServerConfig;
  readonly sessions: SessionRegistry;
  /** The legacy Streamable HTTP sessions (also in `sessions`), with their cap and idle expiry. */
  readonly streamableSessions: StreamableSessions;
  /** Pads every open stream with keep-alive comments. */
  readonly keepAlive: KeepAlive;
  readonly dispatcher: Dispatcher;
  readonly catalog: ToolCatalog;
  /** The open 2026-07-28 `subscriptions/listen` streams. */
  readonly listenStreams: ListenStreams;
  readonly origins: OriginPolicy;
  /** API keys, Celonis bearer tokens and operator tokens: who may use which route (admission.ts). */
  readonly credentials: CallerCredentials;
  /** The Celonis rate-limit window of each asset that was called. */
  readonly assetWindows: Map<string, RateWindow>;
  /** Routes tried, in order, for paths the app does not own. */
  readonly routes: readonly RouteHandler[];
  readonly log: Logger;
}
