/**
 * Builds the reference server: every dialect's routes on one node:http server, which this module
 * never starts listening (main.ts and tests do). Other feature areas plug in through `toolSources`
 * and `routes` without this file knowing them.
 */
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AppContext } from "./app-context.js";
import { DEFAULT_CONFIG, type ServerConfig } from "./config/server-config.js";
import type { Logger } from "./errors.js";
import { refuseBody } from "./http/body-checks.js";
import { answerClientError } from "./http/client-error.js";
import { CallerCredentials } from "./http/credentials.js";
import { OriginPolicy } from "./http/origin-policy.js";
import type { RouteHandler } from "./http/route-handler.js";
import { Dispatcher } from "./jsonrpc/dispatcher.js";
import { createMcpMethods } from "./mcp/mcp-methods.js";
import { ToolCatalog } from "./mcp/tool-catalog.js";
import { ListenStreams } from "./modern/listen-streams.js";
import { dialectOf, route } from "./routes/router.js";
import { SessionRegistry } from "./session/session-registry.js";
import { KeepAlive } from "./sse/keep-alive.js";
import { StreamableSessions } from "./streamable/session-store.js";
import { BuiltinTools } from "./tools/builtin-tools.js";
import type { ToolSource } from "./tools/tool-source.js";

export interface AppOptions {
  /** Settings; anything left out takes DEFAULT_CONFIG's value. */
  readonly config?: Partial<ServerConfig>;
  /** Tool sources asked after the built-in tools, in order (e.g. the registry). */
  readonly toolSources?: readonly ToolSource[];
  /** Handlers tried, in order, for paths the app does not own, after the Origin and API-key checks. */
  readonly routes?: readonly RouteHandler[];
  /** Where unexpected errors are reported (default: stderr). Never receives secrets. */
  readonly log?: Logger;
}

export interface App {
  /** The HTTP server, not yet listening. */
  readonly server: Server;
  readonly config: ServerConfig;
  /** The open sessions: `size`, and `open`/`close` events (tests wait on them). */
  readonly sessions: SessionRegistry;
  /** The open 2026-07-28 `subscriptions/listen` streams: `size`, and a `close` event per ended one. */
  readonly listenStreams: ListenStreams;
  /** Ends every SSE stream cleanly, stops accepting connections and resolves once all are closed. */
  close(): Promise<void>;
}

/** How long close() lets in-flight requests finish before cutting their connections. */
const CLOSE_GRACE_MS = 5_000;

/** Creates the app. Validators and tool argument checks are compiled here, once. */
export function createApp(options: AppOptions = {}): App {
  const config: ServerConfig = { ...DEFAULT_CONFIG, ...options.config };
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const catalog = new ToolCatalog(new BuiltinTools(), options.toolSources ?? []);
  const { methods, notifications } = createMcpMethods({
    catalog,
    pageSize: config.pageSize,
    rateLimitPerMinute: config.rateLimitPerMinute,
  });
  const sessions = new SessionRegistry();
  const keepAlive = new KeepAlive(config.keepAliveMs);
  const app: AppContext = {
    config,
    sessions,
    streamableSessions: new StreamableSessions(sessions, config.sessionIdleMs, config.maxSessions),
    keepAlive,
    dispatcher: new Dispatcher(methods, notifications, log, config.maxBatchMessages, config.maxBatchAnswerBytes),
    catalog,
    listenStreams: new ListenStreams(catalog, keepAlive),
    origins: new OriginPolicy(config.allowedOrigins, config.host),
    credentials: new CallerCredentials({ apiKeys: config.apiKeys, bearerTokens: config.bearerTokens, operatorTokens: config.adminTokens }),
    assetWindows: new Map(),
    routes: options.routes ?? [],
    log,
  };
  // Requests whose response has not closed yet; close() lets them finish. One listener function
  // per app (not per request) keeps the count.
  let inFlight = 0;
  let drained: (() => void) | undefined;
  const onResponseClose = (): void => {
    inFlight -= 1;
    if (inFlight === 0) drained?.();
  };
  // noDelay: every SSE frame is its own small write and must leave at once (no Nagle).
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    inFlight += 1;
    res.on("close", onResponseClose);
    route(app, req, res);
  };
  // Slow headers and slow bodies end in seconds with a 408 (issue 11, finding 9). node checks the
  // bounds every connectionsCheckingInterval, 30 s by default: far too coarse for them.
  const server = createServer(
    {
      noDelay: true,
      headersTimeout: config.headersTimeoutMs,
      requestTimeout: config.requestTimeoutMs,
      connectionsCheckingInterval: Math.max(10, Math.min(1_000, Math.floor(config.headersTimeoutMs / 4))),
    },
    handle,
  );
  server.on("clientError", answerClientError(config, (url) => dialectOf(app, url)));
  // `Expect: 100-continue`: invite the body only when it could be read; a declared oversize or
  // non-JSON body gets its 413/415 straight away, and the client never sends it (issue 11, finding 9).
  server.on("checkContinue", (req: IncomingMessage, res: ServerResponse) => {
    if (refuseBody(req) === undefined) res.writeContinue();
    handle(req, res);
  });

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      app.sessions.closeAll();
      app.listenStreams.closeAll();
      if (!server.listening) return;
      const closed = once(server, "close");
      server.close();
      if (inFlight > 0) {
        await new Promise<void>((resolve) => {
          drained = resolve;
          setTimeout(resolve, CLOSE_GRACE_MS).unref();
        });
      }
      // Idle keep-alive connections, and connections a client opened but never used, would
      // otherwise hold server.close() until the client drops them.
      server.closeAllConnections();
      await closed;
    })();
    return closing;
  };
  return { server, config, sessions: app.sessions, listenStreams: app.listenStreams, close };
}
