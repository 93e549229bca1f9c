/**
 * `/mcp`, the reference server's own MCP endpoint, in the eras `--eras` asks for. Dual-era (the
 * default) chooses per request: a request naming a session, or `initialize`, goes to the legacy
 * transport; a modern request is served statelessly; GET and DELETE are legacy (they name a
 * session). Modern-only answers GET and DELETE 405 and ignores `Mcp-Session-Id` and
 * `Last-Event-ID`; legacy-only is the legacy transport as it is.
 * @see openapi/streamable.yaml (/mcp) and
 *   https://modelcontextprotocol.io/specification/2026-07-28/basic/versioning#backward-compatibility-with-initialization-based-versions
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { JSONRPC_ERROR } from "@mcp-contract/api-types";
import type { AppContext } from "../app-context.js";
import type { McpEras } from "../config/server-config.js";
import { HttpError, sendHttpError } from "../errors.js";
import { MAX_BODY_BYTES, refuseBody } from "../http/body-checks.js";
import { readBody } from "../http/body-reader.js";
import { isModernRequest } from "../modern/era-choice.js";
import { answerModern, modernProfile, type ModernProfile } from "../modern/modern-post.js";
import { MCP_LEGACY_ONLY, MCP_LEGACY_PROFILE } from "../streamable/legacy-mcp-endpoint.js";
import { answerLegacy, deleteLegacy, getLegacy, postLegacy } from "../streamable/legacy-transport.js";
import type { Endpoint, EndpointAction } from "../transport/endpoint.js";

const DUAL_PROFILE = modernProfile(true);
const MODERN_ONLY_PROFILE = modernProfile(false);

/** What a POST body is answered with once read: both eras, or the modern one only. */
interface PostState {
  readonly req: IncomingMessage;
  readonly credential: number;
  readonly legacy: boolean;
  readonly profile: ModernProfile;
}

/** Reads the body (415 and 413 first), then answers it in the era it belongs to. */
function readAndAnswer(app: AppContext, req: IncomingMessage, res: ServerResponse, credential: number, legacy: boolean): void {
  const refused = refuseBody(req);
  if (refused) throw refused;
  const state: PostState = { req, credential, legacy, profile: legacy ? DUAL_PROFILE : MODERN_ONLY_PROFILE };
  readBody(req, res, MAX_BODY_BYTES, app, state, onBody);
}

function onBody(app: AppContext, res: ServerResponse, state: PostState, error: HttpError | undefined, body: Buffer | undefined): void {
  if (error || !body) return sendHttpError(res, "streamable", error, app.log);
  let message: unknown;
  try {
    message = JSON.parse(body.toString("utf8"));
  } catch (parseError) {
    const failure = new HttpError(400, "parse_error", `Parse error: ${(parseError as Error).message}`, { rpcCode: JSONRPC_ERROR.PARSE_ERROR });
    return sendHttpError(res, "streamable", failure, app.log);
  }
  try {
    if (state.legacy && !isModernRequest(state.req.headers, message)) {
      answerLegacy(app, state.req, res, state.credential, MCP_LEGACY_PROFILE, undefined, message);
    } else {
      answerModern(app, state.req, res, message, state.profile);
    }
  } catch (failure) {
    sendHttpError(res, "streamable", failure, app.log);
  }
}

/** Dual-era POST: a named session is legacy before any body is read (its 404 comes first). */
const postDual: EndpointAction = (app, req, res, credential) => {
  if (req.headers["mcp-session-id"] !== undefined) return postLegacy(app, req, res, credential, MCP_LEGACY_PROFILE);
  readAndAnswer(app, req, res, credential, true);
};

const postModern: EndpointAction = (app, req, res, credential) => readAndAnswer(app, req, res, credential, false);
const getDual: EndpointAction = (app, req, res, credential) => getLegacy(app, req, res, credential, MCP_LEGACY_PROFILE);
const deleteDual: EndpointAction = (app, req, res, credential) => deleteLegacy(app, req, res, credential, MCP_LEGACY_PROFILE);

/** Both eras on one endpoint (the default). */
export const MCP_DUAL: Endpoint = { dialect: "streamable", allow: "GET, POST, DELETE", GET: getDual, POST: postDual, DELETE: deleteDual };

/** GET and DELETE on a modern-only endpoint: 405, saying why (the spec's SHOULD for old clients). */
const noStream: EndpointAction = (_app, req) => {
  throw new HttpError(
    405,
    "method_not_allowed",
    `Method not allowed: this endpoint serves 2026-07-28 only, which has no ${req.method === "DELETE" ? "session to DELETE" : "GET stream"}; POST each request.`,
    { headers: { Allow: "POST" } },
  );
};

/** 2026-07-28 only. */
export const MCP_MODERN_ONLY: Endpoint = { dialect: "streamable", allow: "POST", POST: postModern, GET: noStream, DELETE: noStream };

/** The `/mcp` endpoint for `eras`. */
export function mcpEndpoint(eras: McpEras): Endpoint {
  return eras === "modern" ? MCP_MODERN_ONLY : eras === "legacy" ? MCP_LEGACY_ONLY : MCP_DUAL;
}
