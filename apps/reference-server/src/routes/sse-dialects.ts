/**
 * The Spice and OpenSearch dialects: GET opens a session stream, POST hands a message to it and
 * answers 202, the JSON-RPC answer following on the stream.
 * @see openapi/session.yaml and openapi/message.yaml
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { JSONRPC_ERROR } from "@mcp-contract/api-types";
import type { AppContext } from "../app-context.js";
import { HttpError, sendHttpError } from "../errors.js";
import { MAX_BODY_BYTES, refuseBody } from "../http/body-checks.js";
import { readBody } from "../http/body-reader.js";
import { classify } from "../jsonrpc/envelope.js";
import { errorResponse } from "../jsonrpc/rpc-error.js";
import type { Session } from "../session/session.js";
import type { ToolScope } from "../tools/tool-source.js";
import type { Endpoint, EndpointAction } from "../transport/endpoint.js";
import { openSseSession } from "../transport/http-sse-stream.js";
import { OPENSEARCH_MESSAGE_PATH, OPENSEARCH_ROOT_MESSAGE_PATH, SPICE_PATH } from "./paths.js";
import { parseErrorStatus, parseJsonRpcBody } from "../jsonrpc/parse-body.js";

/** Sessions on the SSE dialects see every source's tools. */
export const ALL_TOOLS: ToolScope = { kind: "all" };

const ACCEPTED_HEADERS = { "Content-Length": "0" };

const SPICE_ENDPOINT = `${SPICE_PATH}?sessionId=`;
const OPENSEARCH_ENDPOINT = `${OPENSEARCH_ROOT_MESSAGE_PATH}?sessionId=`;
const OPENSEARCH_FULL_ENDPOINT = `${OPENSEARCH_MESSAGE_PATH}?sessionId=`;

/** GET /v1/mcp/sse */
const openSpiceStream: EndpointAction = (app, _req, res, credential) => {
  openSseSession(app, res, "spice", credential, ALL_TOOLS, SPICE_ENDPOINT);
};

/** GET /_plugins/_ml/mcp/sse[?append_to_base_url=true] */
const openOpenSearchStream: EndpointAction = (app, _req, res, credential, _path, query) => {
  const full = query !== "" && new URLSearchParams(query).get("append_to_base_url")?.toLowerCase() === "true";
  openSseSession(app, res, "opensearch", credential, ALL_TOOLS, full ? OPENSEARCH_FULL_ENDPOINT : OPENSEARCH_ENDPOINT);
};

const postSpiceMessage: EndpointAction = (app, req, res, credential, _path, query) =>
  postSseMessage(app, req, res, "spice", credential, query);

const postOpenSearchMessage: EndpointAction = (app, req, res, credential, _path, query) =>
  postSseMessage(app, req, res, "opensearch", credential, query);

/** Spice serves its stream and its messages on one path. */
export const SPICE: Endpoint = { dialect: "sse", allow: "GET, POST", GET: openSpiceStream, POST: postSpiceMessage };
export const OPENSEARCH_STREAM: Endpoint = { dialect: "sse", allow: "GET", GET: openOpenSearchStream };
export const OPENSEARCH_MESSAGE: Endpoint = { dialect: "sse", allow: "POST", POST: postOpenSearchMessage };

/** The `sessionId` query parameter, or undefined when missing or empty. */
export function sessionIdOf(query: string): string | undefined {
  if (query === "") return undefined;
  // Fast path for the query the endpoint event hands out (`sessionId=<base64url>` first, nothing
  // to decode); anything else goes through URLSearchParams.
  if (query.startsWith("sessionId=")) {
    const end = query.indexOf("&");
    const value = end === -1 ? query.slice(10) : query.slice(10, end);
    if (!/[%+]/.test(value)) return value === "" ? undefined : value;
  }
  return new URLSearchParams(query).get("sessionId") || undefined;
}

/**
 * POST of a message to a Spice or OpenSearch session. Checks in the contract's order (400, 404,
 * 415, 413), then reads the body and answers 202; the JSON-RPC answer, including -32700 and
 * -32600, goes on the session's stream.
 */
function postSseMessage(
  app: AppContext,
  req: IncomingMessage,
  res: ServerResponse,
  dialect: "spice" | "opensearch",
  credential: number,
  query: string,
): void {
  const sessionId = sessionIdOf(query);
  if (sessionId === undefined) return answerMissingSession(app, req, res);
  const session = app.sessions.get(sessionId);
  // Another dialect's or another credential's session is as unknown to this caller as a closed one.
  if (!session || session.dialect !== dialect || session.credential !== credential) throw unknownSession(sessionId);
  const refused = refuseBody(req);
  if (refused) throw refused;
  readBody(req, res, MAX_BODY_BYTES, app, session, onSessionBody);
}

function onSessionBody(app: AppContext, res: ServerResponse, session: Session, error: HttpError | undefined, body: Buffer | undefined): void {
  if (error || !body) return sendHttpError(res, "sse", error, app.log);
  if (session.closed) return sendHttpError(res, "sse", unknownSession(session.id), app.log);
  const parsed = parseJsonRpcBody(body);
  res.writeHead(202, ACCEPTED_HEADERS).end();
  if (!parsed.ok) return session.send(errorResponse(null, JSONRPC_ERROR.PARSE_ERROR, parsed.parseError));
  app.dispatcher.dispatch(parsed.message, session);
}

function unknownSession(sessionId: string): HttpError {
  return new HttpError(
    404,
    "unknown_session",
    `Session not found: no open session has id '${sessionId.slice(0, 64)}'. Open a new one with GET on the SSE URL.`,
  );
}

const MISSING_SESSION = "Missing sessionId query parameter: POST to the URL from the stream's endpoint event.";

/**
 * 400 for a POST without `sessionId`. There is no stream to answer on, so a JSON body that is
 * malformed is answered here (-32700 or -32600); a body that is not JSON or too large is not read.
 */
function answerMissingSession(app: AppContext, req: IncomingMessage, res: ServerResponse): void {
  if (refuseBody(req)) throw new HttpError(400, "missing_session_id", MISSING_SESSION);
  readBody(req, res, MAX_BODY_BYTES, app, undefined, onSessionlessBody);
}

function onSessionlessBody(app: AppContext, res: ServerResponse, _context: undefined, _error: HttpError | undefined, body: Buffer | undefined): void {
  sendHttpError(res, "sse", missingSessionError(body), app.log);
}

function missingSessionError(body: Buffer | undefined): HttpError {
  if (body === undefined) return new HttpError(400, "missing_session_id", MISSING_SESSION);
  const also = " The sessionId query parameter is missing too: POST to the URL from the stream's endpoint event.";
  const parsed = parseJsonRpcBody(body);
  if (!parsed.ok) return parseErrorStatus(`${parsed.parseError}.${also}`);
  const problem = envelopeProblem(parsed.message);
  if (problem !== undefined) {
    return new HttpError(400, "invalid_request", `Invalid Request: ${problem}.${also}`, { rpcCode: JSONRPC_ERROR.INVALID_REQUEST });
  }
  return new HttpError(400, "missing_session_id", MISSING_SESSION);
}

/** Why `message` is not a JSON-RPC message or batch, or undefined when it is one. */
function envelopeProblem(message: unknown): string | undefined {
  if (Array.isArray(message)) {
    if (message.length === 0) return "the batch is empty";
    for (const item of message) {
      const envelope = classify(item);
      if (envelope.kind === "invalid") return envelope.reason;
    }
    return undefined;
  }
  const envelope = classify(message);
  return envelope.kind === "invalid" ? envelope.reason : undefined;
}
