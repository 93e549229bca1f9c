/**
 * The one request handler of the app: finds the path's endpoint, does what every route shares in
 * the contract's order (OPTIONS, 405 with `Allow`, Origin/Host 403, credentials 401), runs the
 * endpoint, and answers any failure in the path's dialect through sendHttpError. Paths the app
 * does not own go to the plugged-in routes (the registry), then 404.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AppContext } from "../app-context.js";
import { HttpError, sendHttpError, type ErrorDialect } from "../errors.js";
import type { Endpoint, EndpointAction } from "../transport/endpoint.js";
import { admit, methodNotAllowed, preflight } from "./admission.js";
import { assetIdOf, CELONIS } from "./celonis.js";
import { SPICE_MCP } from "../streamable/spice-mcp-endpoint.js";
import { mcpEndpoint } from "./mcp-endpoint.js";
import { OPENSEARCH_MCP } from "./opensearch-mcp.js";
import {
  CELONIS_PREFIX,
  MCP_PATH,
  OPENSEARCH_MCP_PATH,
  OPENSEARCH_MESSAGE_PATH,
  OPENSEARCH_ROOT_MESSAGE_PATH,
  OPENSEARCH_STREAM_PATH,
  SPICE_MCP_PATH,
  SPICE_PATH,
} from "./paths.js";
import { OPENSEARCH_MESSAGE, OPENSEARCH_STREAM, SPICE } from "./sse-dialects.js";

/** The endpoints on fixed paths. */
const ENDPOINTS: ReadonlyMap<string, Endpoint> = new Map([
  [SPICE_PATH, SPICE],
  [SPICE_MCP_PATH, SPICE_MCP],
  [OPENSEARCH_MCP_PATH, OPENSEARCH_MCP],
  [OPENSEARCH_STREAM_PATH, OPENSEARCH_STREAM],
  [OPENSEARCH_MESSAGE_PATH, OPENSEARCH_MESSAGE],
  [OPENSEARCH_ROOT_MESSAGE_PATH, OPENSEARCH_MESSAGE],
]);

/**
 * The endpoint serving `path`: `/mcp` in the configured eras, a fixed path, or a Celonis asset
 * path (one segment after the prefix).
 */
function endpointOf(app: AppContext, path: string): Endpoint | undefined {
  if (path === MCP_PATH) return mcpEndpoint(app.config.eras);
  const fixed = ENDPOINTS.get(path);
  if (fixed) return fixed;
  if (path.startsWith(CELONIS_PREFIX) && assetIdOf(path.slice(CELONIS_PREFIX.length)) !== undefined) return CELONIS;
  return undefined;
}

/** The error dialect of a request URL's path (a registry ApiError for paths the app does not own). */
export function dialectOf(app: AppContext, url: string): ErrorDialect {
  return endpointOf(app, splitUrl(url).path)?.dialect ?? "api";
}

/** A request URL's path and query (without the `?`). */
function splitUrl(url: string): { path: string; query: string } {
  const q = url.indexOf("?");
  return q === -1 ? { path: url, query: "" } : { path: url.slice(0, q), query: url.slice(q + 1) };
}

/** Routes one request; every failure is answered in the path's dialect. */
export function route(app: AppContext, req: IncomingMessage, res: ServerResponse): void {
  const url = req.url ?? "/";
  const { path, query } = splitUrl(url);
  const endpoint = endpointOf(app, path);
  const dialect: ErrorDialect = endpoint ? endpoint.dialect : "api";
  try {
    const pending = endpoint ? serve(app, endpoint, req, res, path, query) : otherRoute(app, req, res);
    if (pending) pending.catch((error: unknown) => sendHttpError(res, dialect, error, app.log));
  } catch (error) {
    sendHttpError(res, dialect, error, app.log);
  }
}

function serve(app: AppContext, endpoint: Endpoint, req: IncomingMessage, res: ServerResponse, path: string, query: string): void | Promise<void> {
  const method = req.method;
  const action: EndpointAction | undefined = method === "POST" ? endpoint.POST : method === "GET" ? endpoint.GET : method === "DELETE" ? endpoint.DELETE : undefined;
  if (action) return action(app, req, res, admit(app, req, res, endpoint.dialect), path, query);
  if (method === "OPTIONS") return preflight(app, req, res, endpoint.dialect, endpoint.allow);
  throw methodNotAllowed(req, path, endpoint.allow);
}

/** Paths the app does not own: the plugged-in routes, else 404. */
async function otherRoute(app: AppContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  admit(app, req, res, "api");
  // Concatenated, not resolved: a target like `//host/x` must stay a path on this server.
  const target = req.url ?? "/";
  const url = new URL(`http://localhost${target.startsWith("/") ? target : `/${target}`}`);
  for (const handler of app.routes) {
    if (await handler(req, res, url)) return;
  }
  throw new HttpError(
    404,
    "not_found",
    `No route for ${req.method ?? "?"} ${url.pathname}. The MCP streams are GET ${SPICE_PATH} (Spice), ` +
      `GET ${OPENSEARCH_STREAM_PATH} (OpenSearch) and GET ${CELONIS_PREFIX}builtin (Celonis).`,
  );
}
