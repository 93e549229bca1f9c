/**
 * A Streamable HTTP endpoint serving both eras on one path, choosing per request: a request naming
 * a session (`Mcp-Session-Id`) without a modern MCP-Protocol-Version, `initialize`, GET and DELETE
 * go to the legacy transport with the endpoint's LegacyProfile; a request marked modern is served
 * statelessly, a session id it carries ignored. Also the modern-only
 * endpoint, which reads every POST as 2026-07-28 and has no GET or DELETE.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/versioning#backward-compatibility-with-initialization-based-versions
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AppContext } from "../app-context.js";
import { HttpError, sendHttpError } from "../errors.js";
import { MAX_BODY_BYTES, refuseBody } from "../http/body-checks.js";
import { readBody } from "../http/body-reader.js";
import { answerLegacy, deleteLegacy, getLegacy, postLegacy, type LegacyProfile } from "../streamable/legacy-transport.js";
import type { Endpoint, EndpointAction } from "../transport/endpoint.js";
import { isModernRequest } from "./era-choice.js";
import { answerModern, isModernRevision, modernProfile, type ModernProfile } from "./modern-post.js";
import { parseErrorStatus, parseJsonRpcBody } from "../jsonrpc/parse-body.js";

const DUAL_PROFILE = modernProfile(true);
const MODERN_ONLY_PROFILE = modernProfile(false);

/** What a POST body is answered with once read: legacy sessions too (`legacy` set), or modern only. */
interface PostState {
  readonly req: IncomingMessage;
  readonly credential: number;
  readonly legacy: LegacyProfile | undefined;
  readonly profile: ModernProfile;
}

/** Reads the body (415 and 413 first), then answers it in the era it belongs to. */
function readAndAnswer(app: AppContext, req: IncomingMessage, res: ServerResponse, credential: number, legacy: LegacyProfile | undefined): void {
  const refused = refuseBody(req);
  if (refused) throw refused;
  const state: PostState = { req, credential, legacy, profile: legacy ? DUAL_PROFILE : MODERN_ONLY_PROFILE };
  readBody(req, res, MAX_BODY_BYTES, app, state, onBody);
}

function onBody(app: AppContext, res: ServerResponse, state: PostState, error: HttpError | undefined, body: Buffer | undefined): void {
  if (error || !body) return sendHttpError(res, "streamable", error, app.log);
  const parsed = parseJsonRpcBody(body);
  if (!parsed.ok) return sendHttpError(res, "streamable", parseErrorStatus(parsed.parseError), app.log);
  const message = parsed.message;
  try {
    if (state.legacy && !isModernRequest(state.req.headers, message)) {
      answerLegacy(app, state.req, res, state.credential, state.legacy, undefined, message);
    } else {
      answerModern(app, state.req, res, message, state.profile);
    }
  } catch (failure) {
    sendHttpError(res, "streamable", failure, app.log);
  }
}

/** Both eras on one path; `legacy` says how its sessions behave (`/mcp`: 400 without one; Spice: 404). */
export function dualEraEndpoint(legacy: LegacyProfile): Endpoint {
  // A named session is legacy before any body is read, so its 404 comes before 415 and 413; but a
  // request whose MCP-Protocol-Version names a modern revision is modern whatever else it carries
  // (versioning.mdx: modern per-request metadata is served statelessly), so its session id is ignored.
  const post: EndpointAction = (app, req, res, credential) => {
    // A header naming no revision at all ("nonsense") beside a session id is a 2025 client's mistake,
    // answered by the session's rules (400 invalid_protocol_version).
    if (req.headers["mcp-session-id"] !== undefined && !isModernRevision(req.headers["mcp-protocol-version"])) {
      return postLegacy(app, req, res, credential, legacy);
    }
    readAndAnswer(app, req, res, credential, legacy);
  };
  const get: EndpointAction = (app, req, res, credential) => getLegacy(app, req, res, credential, legacy);
  const remove: EndpointAction = (app, req, res, credential) => deleteLegacy(app, req, res, credential, legacy);
  return { dialect: "streamable", allow: "GET, POST, DELETE", GET: get, POST: post, DELETE: remove };
}

/** GET and DELETE on a modern-only endpoint: 405, saying why (the spec's SHOULD for old clients). */
const noStream: EndpointAction = (_app, req) => {
  throw new HttpError(
    405,
    "method_not_allowed",
    `Method not allowed: this endpoint serves 2026-07-28 only, which has no ${req.method === "DELETE" ? "session to DELETE" : "GET stream"}; POST each request.`,
    { headers: { Allow: "POST" } },
  );
};

const postModernOnly: EndpointAction = (app, req, res, credential) => readAndAnswer(app, req, res, credential, undefined);

/** 2026-07-28 only: every POST is modern, `Mcp-Session-Id` and `Last-Event-ID` are ignored. */
export const MODERN_ONLY_ENDPOINT: Endpoint = { dialect: "streamable", allow: "POST", POST: postModernOnly, GET: noStream, DELETE: noStream };
