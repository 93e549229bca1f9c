/**
 * The checks every request passes before its route acts, in the contract's order: Origin/Host
 * (403), then credentials (401). Also answers CORS preflights for allowed origins.
 * @see openapi/message.yaml (status table)
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AppContext } from "../app-context.js";
import { HttpError, type ErrorDialect } from "../errors.js";
import { ANONYMOUS, apiKeyOf, bearerTokenOf } from "../http/credentials.js";

const API_KEY_HINT = "send a valid API key in the X-API-Key header.";
const BEARER_HINT = "send 'Authorization: Bearer <token>'.";

/**
 * Checks Origin/Host and credentials for `dialect` (Celonis uses bearer tokens, everything else
 * API keys). Returns the index of the credential presented (ANONYMOUS when auth is off); throws
 * the 403 or 401 otherwise. Allowed cross-origin callers get CORS headers.
 */
export function admit(app: AppContext, req: IncomingMessage, res: ServerResponse, dialect: ErrorDialect): number {
  const refusal = app.origins.refusal(req.headers);
  if (refusal !== undefined) throw forbidden(refusal, dialect);
  const origin = req.headers.origin;
  if (origin !== undefined) {
    res.setHeader("Access-Control-Allow-Origin", origin);
    res.setHeader("Vary", "Origin");
  }
  if (dialect === "celonis") {
    if (!app.bearerTokens.enabled) return ANONYMOUS;
    const token = bearerTokenOf(req.headers);
    const match = app.bearerTokens.match(token);
    if (match !== undefined) return match;
    const challenge = token === undefined ? 'Bearer realm="mcp-contract"' : 'Bearer realm="mcp-contract", error="invalid_token"';
    const message = token === undefined ? `Unauthorized: ${BEARER_HINT}` : `Unauthorized: the bearer token is not valid; ${BEARER_HINT}`;
    throw new HttpError(401, "unauthorized", message, { headers: { "WWW-Authenticate": challenge } });
  }
  if (!app.apiKeys.enabled) return ANONYMOUS;
  const key = apiKeyOf(req.headers);
  const match = app.apiKeys.match(key);
  if (match !== undefined) return match;
  const message = key === undefined ? `Unauthorized: ${API_KEY_HINT}` : `Unauthorized: the X-API-Key is not valid; ${API_KEY_HINT}`;
  throw new HttpError(401, "unauthorized", message);
}

/** Answers an OPTIONS request on an MCP path: CORS preflight for allowed origins, else `Allow`. */
export function preflight(app: AppContext, req: IncomingMessage, res: ServerResponse, dialect: ErrorDialect, allow: string): void {
  const refusal = app.origins.refusal(req.headers);
  if (refusal !== undefined) throw forbidden(refusal, dialect);
  const headers: Record<string, string> = { Allow: allow, "Content-Length": "0" };
  const origin = req.headers.origin;
  if (origin !== undefined) {
    headers["Access-Control-Allow-Origin"] = origin;
    headers["Access-Control-Allow-Methods"] = allow;
    headers["Access-Control-Allow-Headers"] = "Content-Type, X-API-Key, Authorization, Mcp-Protocol-Version";
    headers["Access-Control-Max-Age"] = "600";
    headers["Vary"] = "Origin";
  }
  res.writeHead(204, headers);
  res.end();
}

/** The 405 for a method the path does not serve. */
export function methodNotAllowed(req: IncomingMessage, path: string, allow: string): HttpError {
  return new HttpError(405, "method_not_allowed", `Method ${req.method ?? "?"} is not allowed on ${path}; use ${allow}.`, {
    headers: { Allow: allow },
  });
}

function forbidden(refusal: string, dialect: ErrorDialect): HttpError {
  // The Celonis seed's 403 names no flag: its operators are not running this server.
  const advice = dialect === "celonis" ? "" : " Add it with --allow-origin.";
  return new HttpError(403, "forbidden_origin", `Forbidden: ${refusal}.${advice}`);
}
