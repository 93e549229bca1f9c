/**
 * The checks every request passes before its route acts, in the contract's order: Origin/Host
 * (403), then credentials (401). Also answers CORS preflights for allowed origins. Registry writes
 * need more (the operator's token): the registry checks that itself (registry/operator-gate.ts).
 * @see openapi/message.yaml (status table)
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AppContext } from "../app-context.js";
import { HttpError, type ErrorDialect } from "../errors.js";
import { ANONYMOUS, apiKeyOf, bearerTokenOf, type CallerCredentials } from "../http/credentials.js";

/**
 * Checks Origin/Host and credentials. When any credential is configured (API keys, Celonis bearer
 * tokens or operator tokens), every path refuses a caller who proves none: X-API-Key is looked up
 * in the API keys, a bearer token in the Celonis and the operator tokens, whatever the dialect.
 * Returns the number of the credential presented (ANONYMOUS when nothing is configured); throws the
 * 403 or 401 otherwise. Allowed cross-origin callers get CORS headers.
 * @see SECURITY.md (which credential opens which route)
 */
export function admit(app: AppContext, req: IncomingMessage, res: ServerResponse, dialect: ErrorDialect): number {
  const refusal = app.origins.refusal(req.headers);
  if (refusal !== undefined) throw forbidden(refusal, dialect);
  const origin = req.headers.origin;
  if (origin !== undefined) {
    res.setHeader("Access-Control-Allow-Origin", origin);
    res.setHeader("Vary", "Origin");
  }
  const { credentials } = app;
  if (!credentials.required) return ANONYMOUS;
  const caller = credentials.identify(req.headers);
  if (caller !== undefined) return caller.credential;
  throw unauthorized(credentials, req, dialect);
}

/** The 401 naming what this server accepts; bearer-accepting servers add a challenge. */
function unauthorized(credentials: CallerCredentials, req: IncomingMessage, dialect: ErrorDialect): HttpError {
  const presented = apiKeyOf(req.headers) !== undefined || bearerTokenOf(req.headers) !== undefined;
  const bearer = credentials.bearerTokens.enabled || credentials.operatorTokens.enabled;
  const hints = [
    ...(credentials.apiKeys.enabled ? ["send a valid API key in the X-API-Key header"] : []),
    ...(bearer ? ["send 'Authorization: Bearer <token>'"] : []),
  ];
  const hint = `${hints.join(" or ")}.`;
  const message = presented ? `Unauthorized: the credential is not valid; ${hint}` : `Unauthorized: ${hint}`;
  if (!bearer && dialect !== "celonis") return new HttpError(401, "unauthorized", message);
  const challenge = presented ? 'Bearer realm="mcp-contract", error="invalid_token"' : 'Bearer realm="mcp-contract"';
  return new HttpError(401, "unauthorized", message, { headers: { "WWW-Authenticate": challenge } });
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
    // Every request header a client of any dialect sends, Streamable HTTP's included.
    headers["Access-Control-Allow-Headers"] =
      "Content-Type, X-API-Key, Authorization, MCP-Protocol-Version, Mcp-Session-Id, Last-Event-ID, Mcp-Method, Mcp-Name";
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
