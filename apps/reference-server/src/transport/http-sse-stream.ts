/**
 * The HTTP+SSE transport (2024-11-05): a session lives exactly as long as its GET stream. Opening
 * the stream starts the session and announces where to POST (the `endpoint` event); the stream
 * closing, for any reason, ends it.
 * @see openapi/session.yaml and openapi/components/sse.yaml (SseStream)
 */
import type { ServerResponse } from "node:http";
import type { AppContext } from "../app-context.js";
import { newSessionId, type SessionRegistry } from "../session/session-registry.js";
import { Session, type Dialect } from "../session/session.js";
import { SseChannel } from "../sse/sse-channel.js";
import { endpointFrame } from "../sse/sse-format.js";
import type { ToolScope } from "../tools/tool-source.js";

const SESSION = Symbol("session");
const CHANNEL = Symbol("channel");
const APP = Symbol("app");
/** The response carries what its close listener needs, so the listener is one module function. */
type StreamResponse = ServerResponse & { [SESSION]?: Session; [CHANNEL]?: SseChannel; [APP]?: AppContext };

/**
 * Starts the stream on `res` and registers its session. The endpoint event's data is
 * `endpointPrefix` followed by the new id (`/v1/mcp/sse?sessionId=`, `?sessionId=`, …).
 */
export function openSseSession(
  app: AppContext,
  res: ServerResponse,
  dialect: Dialect,
  credential: number,
  scope: ToolScope,
  endpointPrefix: string,
): Session {
  const session = new Session(newSessionId(), dialect, credential, scope);
  const channel = new SseChannel(res);
  session.channel = channel;
  const stream = res as StreamResponse;
  stream[SESSION] = session;
  stream[CHANNEL] = channel;
  stream[APP] = app;
  res.once("close", onStreamClose);
  app.sessions.add(session);
  app.keepAlive.add(channel);
  channel.start();
  channel.write(endpointFrame(endpointPrefix + session.id));
  if (dialect === "celonis") {
    channel.lifetime = setTimeout(endSession, app.config.celonisStreamMs, app.sessions, session);
    channel.lifetime.unref();
  }
  return session;
}

function onStreamClose(this: StreamResponse): void {
  const app = this[APP];
  if (!app) return;
  app.keepAlive.delete(this[CHANNEL]!);
  app.sessions.remove(this[SESSION]!);
}

function endSession(sessions: SessionRegistry, session: Session): void {
  // Forgotten first (which ends the stream), so no POST writes to a stream that has ended.
  sessions.remove(session);
}
