/**
 * Builds the reference server: every dialect's routes on one node:http server, which this module
 * never starts listening (main.ts and tests do). Other feature areas plug in through `toolSources`
 * and `routes` without this file knowing them.
 */
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AppContext } from "./app-context.js";
import { DEFAULT_CONFIG, type ServerConfig } from "./config/server-config.js";
import { sendHttpError, HttpError, type ErrorDialect, type Logger } from "./errors.js";
import { CredentialSet } from "./http/credentials.js";
import { OriginPolicy } from "./http/origin-policy.js";
import type { RouteHandler } from "./http/route-handler.js";
import { Dispatcher } from "./jsonrpc/dispatcher.js";
import { createMcpMethods } from "./mcp/mcp-methods.js";
import { ToolCatalog } from "./mcp/tool-catalog.js";
import { admit, methodNotAllowed, preflight } from "./routes/admission.js";
import { assetIdOf, openCelonisStream, postCelonisMessage } from "./routes/celonis.js";
import {
  CELONIS_PREFIX,
  OPENSEARCH_MESSAGE_PATH,
  OPENSEARCH_ROOT_MESSAGE_PATH,
  OPENSEARCH_STREAM_PATH,
  SPICE_PATH,
} from "./routes/paths.js";
import { openOpenSearchStream, openSpiceStream, postSseMessage } from "./routes/sse-dialects.js";
import { SessionRegistry } from "./sse/session-registry.js";
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
  const app: AppContext = {
    config,
    sessions: new SessionRegistry(config.keepAliveMs, config.celonisStreamMs),
    dispatcher: new Dispatcher(methods, notifications, log),
    catalog,
    origins: new OriginPolicy(config.allowedOrigins, config.host),
    apiKeys: new CredentialSet(config.apiKeys),
    bearerTokens: new CredentialSet(config.bearerTokens),
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
  const server = createServer({ noDelay: true }, (req, res) => {
    inFlight += 1;
    res.on("close", onResponseClose);
    handle(app, req, res);
  });

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      app.sessions.closeAll();
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
  return { server, config, sessions: app.sessions, close };
}

/** Routes one request by path; every failure is answered in the path's dialect. */
function handle(app: AppContext, req: IncomingMessage, res: ServerResponse): void {
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const path = q === -1 ? url : url.slice(0, q);
  const query = q === -1 ? "" : url.slice(q + 1);
  let dialect: ErrorDialect = "sse";
  try {
    switch (path) {
      case SPICE_PATH:
        return spice(app, req, res, query);
      case OPENSEARCH_STREAM_PATH:
        return openSearchStream(app, req, res, query);
      case OPENSEARCH_MESSAGE_PATH:
      case OPENSEARCH_ROOT_MESSAGE_PATH:
        return openSearchMessage(app, req, res, path, query);
    }
    if (path.startsWith(CELONIS_PREFIX)) {
      const assetId = assetIdOf(path.slice(CELONIS_PREFIX.length));
      if (assetId !== undefined) {
        dialect = "celonis";
        return celonis(app, req, res, path, assetId, query);
      }
    }
    dialect = "api";
    otherRoute(app, req, res).catch((error: unknown) => sendHttpError(res, "api", error, app.log));
  } catch (error) {
    sendHttpError(res, dialect, error, app.log);
  }
}

function spice(app: AppContext, req: IncomingMessage, res: ServerResponse, query: string): void {
  const method = req.method;
  if (method === "POST") return postSseMessage(app, req, res, "spice", admit(app, req, res, "sse"), query);
  if (method === "GET") return openSpiceStream(app, res, admit(app, req, res, "sse"));
  if (method === "OPTIONS") return preflight(app, req, res, "sse", "GET, POST");
  throw methodNotAllowed(req, SPICE_PATH, "GET, POST");
}

function openSearchStream(app: AppContext, req: IncomingMessage, res: ServerResponse, query: string): void {
  if (req.method === "GET") return openOpenSearchStream(app, res, admit(app, req, res, "sse"), query);
  if (req.method === "OPTIONS") return preflight(app, req, res, "sse", "GET");
  throw methodNotAllowed(req, OPENSEARCH_STREAM_PATH, "GET");
}

function openSearchMessage(app: AppContext, req: IncomingMessage, res: ServerResponse, path: string, query: string): void {
  if (req.method === "POST") return postSseMessage(app, req, res, "opensearch", admit(app, req, res, "sse"), query);
  if (req.method === "OPTIONS") return preflight(app, req, res, "sse", "POST");
  throw methodNotAllowed(req, path, "POST");
}

function celonis(app: AppContext, req: IncomingMessage, res: ServerResponse, path: string, assetId: string, query: string): void {
  const method = req.method;
  if (method === "OPTIONS") return preflight(app, req, res, "celonis", "GET, POST");
  if (method !== "GET" && method !== "POST") throw methodNotAllowed(req, path, "GET, POST");
  const credential = admit(app, req, res, "celonis");
  // Both answer their own failures (asset lookups may be asynchronous).
  if (method === "GET") void openCelonisStream(app, res, credential, assetId);
  else void postCelonisMessage(app, req, res, credential, assetId, query);
}

/** Paths the app does not own: the plugged-in routes, else 404. */
async function otherRoute(app: AppContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  admit(app, req, res, "api");
  // Concatenated, not resolved: a target like `//host/x` must stay a path on this server.
  const target = req.url ?? "/";
  const url = new URL(`http://localhost${target.startsWith("/") ? target : `/${target}`}`);
  for (const route of app.routes) {
    if (await route(req, res, url)) return;
  }
  throw new HttpError(
    404,
    "not_found",
    `No route for ${req.method ?? "?"} ${url.pathname}. The MCP streams are GET ${SPICE_PATH} (Spice), ` +
      `GET ${OPENSEARCH_STREAM_PATH} (OpenSearch) and GET ${CELONIS_PREFIX}builtin (Celonis).`,
  );
}
