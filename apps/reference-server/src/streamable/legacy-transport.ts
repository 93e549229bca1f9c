/**
 * The legacy Streamable HTTP transport (2025-03-26, 2025-06-18, 2025-11-25): sessions opened by
 * `initialize` and named by `Mcp-Session-Id`, POST for every message, GET for the session's
 * standalone stream or the resumption of any of its streams, DELETE to end the session. An
 * endpoint (`/mcp`, Spice `/v1/mcp`) hands requests here after admission (Origin, credentials).
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#streamable-http
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { JSONRPC_ERROR, MCP_HEADER } from "@mcp-contract/api-types";
import type { AppContext } from "../app-context.js";
import { HttpError, sendHttpError } from "../errors.js";
import { MAX_BODY_BYTES, refuseBody } from "../http/body-checks.js";
import { readBody } from "../http/body-reader.js";
import { classify } from "../jsonrpc/envelope.js";
import { newSessionId } from "../session/session-registry.js";
import type { ToolScope } from "../tools/tool-source.js";
import { LegacyExchange } from "./legacy-exchange.js";
import { acceptable, checkProtocolVersion, DEFAULT_LEGACY_VERSION, lastEventIdHeader, sessionIdHeader } from "./legacy-headers.js";
import { SessionStream } from "./session-stream.js";
import { StreamableSession } from "./streamable-session.js";
import { parseErrorStatus, parseJsonRpcBody } from "../jsonrpc/parse-body.js";

/** How an endpoint's legacy sessions differ: whose they are, and what a request without one gets. */
export interface LegacyProfile {
  readonly dialect: "mcp" | "spice-mcp";
  /** A POST or DELETE without `Mcp-Session-Id`: 400 (the spec's SHOULD) or 404 (Spice). */
  readonly missingSessionStatus: 400 | 404;
  /** Where to initialize, for error messages. */
  readonly path: string;
}

/** Legacy sessions see every source's tools. */
const ALL_TOOLS: ToolScope = { kind: "all" };

const ACCEPTED_HEADERS = { "Content-Length": "0" };

/** The session `req` names, checked against the caller and the revision header; undefined when it names none. */
export function sessionOf(app: AppContext, req: IncomingMessage, credential: number, profile: LegacyProfile): StreamableSession | undefined {
  const id = sessionIdHeader(req.headers);
  if (id === undefined) return undefined;
  const session = app.streamableSessions.get(id);
  // Another endpoint's or another credential's session is as unknown to this caller as an ended one.
  if (!session || session.dialect !== profile.dialect || session.credential !== credential) throw unknownSession(profile);
  checkProtocolVersion(req.headers, session.protocolVersion);
  app.streamableSessions.touch(session, Date.now());
  return session;
}

/** POST: 404 for an unknown session before the body is read, then 415 and 413, then the message. */
export function postLegacy(app: AppContext, req: IncomingMessage, res: ServerResponse, credential: number, profile: LegacyProfile): void {
  const session = sessionOf(app, req, credential, profile);
  const refused = refuseBody(req);
  if (refused) throw refused;
  readBody(req, res, MAX_BODY_BYTES, app, { req, credential, profile, session }, onBody);
}

interface PostState {
  readonly req: IncomingMessage;
  readonly credential: number;
  readonly profile: LegacyProfile;
  readonly session: StreamableSession | undefined;
}

function onBody(app: AppContext, res: ServerResponse, state: PostState, error: HttpError | undefined, body: Buffer | undefined): void {
  if (error || !body) return sendHttpError(res, "streamable", error, app.log);
  const parsed = parseJsonRpcBody(body);
  if (!parsed.ok) return sendHttpError(res, "streamable", parseErrorStatus(parsed.parseError), app.log);
  try {
    answerLegacy(app, state.req, res, state.credential, state.profile, state.session, parsed.message);
  } catch (failure) {
    sendHttpError(res, "streamable", failure, app.log);
  }
}

/**
 * Answers one parsed POST body in a legacy session (`session` undefined: the body must be an
 * `initialize`, which opens one). For an endpoint that read and parsed the body itself (the
 * dual-era `/mcp` chooses the era from it). Throws the HttpError to answer with.
 */
export function answerLegacy(
  app: AppContext,
  req: IncomingMessage,
  res: ServerResponse,
  credential: number,
  profile: LegacyProfile,
  session: StreamableSession | undefined,
  message: unknown,
): void {
  if (session?.closed) throw unknownSession(profile);
  const batch = Array.isArray(message);
  if (batch && session?.protocolVersion !== DEFAULT_LEGACY_VERSION) {
    const revision = session?.protocolVersion ?? "a session";
    throw invalidRequest(
      session
        ? `JSON-RPC batches are allowed only in 2025-03-26 sessions, and this one speaks ${revision}; send one message per POST.`
        : "a batch cannot open a session; send initialize alone.",
    );
  }
  const items: unknown[] = batch ? message : [message];
  if (items.length === 0) throw invalidRequest("the batch is empty; send at least one message.");
  let requests = 0;
  let initialize = false;
  for (const item of items) {
    const envelope = classify(item);
    if (envelope.kind === "invalid") throw invalidRequest(envelope.reason);
    if (envelope.kind !== "request") continue;
    requests += 1;
    if (envelope.message.method === "initialize") initialize = true;
  }
  const accept = acceptable(req.headers.accept);
  if (!session) {
    if (!initialize) throw missingSession(profile);
    const fresh = new StreamableSession(newSessionId(), profile.dialect, credential, ALL_TOOLS);
    const exchange = new LegacyExchange(fresh, res, accept, app.keepAlive, app.streamableSessions);
    app.dispatcher.dispatch(message, exchange);
    return;
  }
  if (initialize) throw invalidRequest(`initialize opens a new session; send it without ${MCP_HEADER.SESSION_ID}.`);
  if (requests === 0) {
    // Notifications and responses only: accepted, nothing to answer. A batch the dispatcher would
    // refuse whole is refused here, with an HTTP error (the spec's "cannot accept the input"): once
    // the 202 has gone, its refusal would have had no stream but the GET one, which carries no
    // responses.
    const tooLarge = batch ? app.dispatcher.batchTooLarge(items.length) : undefined;
    if (tooLarge) throw invalidRequest(tooLarge);
    res.writeHead(202, ACCEPTED_HEADERS).end();
    app.dispatcher.dispatch(message, session);
    return;
  }
  app.dispatcher.dispatch(message, new LegacyExchange(session, res, accept, app.keepAlive, undefined));
}

/**
 * GET: the session's standalone stream (a new GET replaces the connection of the previous one,
 * so there is never more than one), or with `Last-Event-ID` the replay of that event's stream
 * and then its further events.
 */
export function getLegacy(app: AppContext, req: IncomingMessage, res: ServerResponse, credential: number, profile: LegacyProfile): void {
  if (!acceptable(req.headers.accept).sse) {
    throw new HttpError(400, "invalid_request", "Bad request: a GET opens an SSE stream; send Accept: text/event-stream.");
  }
  const session = sessionOf(app, req, credential, profile);
  if (!session) {
    throw new HttpError(400, "missing_session_id", `Bad request: no ${MCP_HEADER.SESSION_ID} header. A GET opens a session's stream: POST initialize to ${profile.path} first.`);
  }
  const resume = lastEventIdHeader(req.headers);
  if (resume === undefined) {
    const previous = session.standalone;
    if (previous) {
      previous.finish();
      session.closeStream(previous);
    }
    const stream = new SessionStream(session, session.nextStreamNo(), true, app.keepAlive);
    session.standalone = stream;
    session.openStream(stream);
    stream.attach(res, [], true);
    return;
  }
  if (!session.issuedStream(resume.stream) || !session.issuedSeq(resume.seq)) {
    throw new HttpError(400, "invalid_request", `Bad request: ${MCP_HEADER.LAST_EVENT_ID} names no event of this session; GET without it for a new stream.`);
  }
  const replay = session.replay(resume.stream, resume.seq);
  const open = session.streamOf(resume.stream);
  if (open) {
    open.attach(res, replay, false);
    return;
  }
  // The stream has ended: what it missed, then the end.
  const ended = new SessionStream(session, resume.stream, false, app.keepAlive);
  ended.done = true;
  ended.attach(res, replay, false);
}

/** DELETE: ends the session and its streams; 204, then 404 for that id. */
export function deleteLegacy(app: AppContext, req: IncomingMessage, res: ServerResponse, credential: number, profile: LegacyProfile): void {
  const session = sessionOf(app, req, credential, profile);
  if (!session) throw missingSession(profile);
  app.streamableSessions.end(session);
  res.writeHead(204).end();
}

function unknownSession(profile: LegacyProfile): HttpError {
  return new HttpError(
    404,
    "unknown_session",
    `Session not found: no live session has this ${MCP_HEADER.SESSION_ID} (it ended, expired or never existed). Send initialize to ${profile.path} to start a new one.`,
  );
}

function missingSession(profile: LegacyProfile): HttpError {
  const message = `Bad request: no ${MCP_HEADER.SESSION_ID} header. Send initialize to ${profile.path} first, then the session id it returns on every request.`;
  return profile.missingSessionStatus === 404
    ? new HttpError(404, "unknown_session", message.replace("Bad request", "Session not found"))
    : new HttpError(400, "missing_session_id", message);
}

function invalidRequest(reason: string): HttpError {
  return new HttpError(400, "invalid_request", `Invalid Request: ${reason}`, { rpcCode: JSONRPC_ERROR.INVALID_REQUEST });
}

