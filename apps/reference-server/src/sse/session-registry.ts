/**
 * The open sessions by id. Opens streams (headers and the endpoint event flushed at once), forgets
 * a session the moment its connection closes, and keeps every stream alive with one shared timer
 * rather than one per session.
 * @see openapi/components/sse.yaml (SseStream)
 */
import { randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";
import type { ServerResponse } from "node:http";
import type { ToolScope } from "../tools/tool-source.js";
import { Session, type Dialect } from "./session.js";
import { endpointFrame, KEEP_ALIVE_FRAME, STREAM_HEADERS } from "./sse-format.js";

const SESSION = Symbol("session");
const OWNER = Symbol("registry");
type StreamResponse = ServerResponse & { [SESSION]?: Session; [OWNER]?: SessionRegistry };

/** Session ids carry 128 bits from the CSPRNG, base64url (22 characters). */
const SESSION_ID_BYTES = 16;

export interface SessionEvents {
  open: [Session];
  close: [Session];
}

export class SessionRegistry extends EventEmitter<SessionEvents> {
  private readonly byId = new Map<string, Session>();
  private keepAliveTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly keepAliveMs: number,
    private readonly celonisStreamMs: number,
  ) {
    super();
  }

  /** How many sessions are open. */
  get size(): number {
    return this.byId.size;
  }

  /** The open session with this id. */
  get(id: string): Session | undefined {
    return this.byId.get(id);
  }

  /**
   * Starts the stream on `res` and registers its session. The endpoint event's data is
   * `endpointPrefix` followed by the new id (`/v1/mcp/sse?sessionId=`, `?sessionId=`, …).
   */
  open(res: ServerResponse, dialect: Dialect, credential: number, scope: ToolScope, endpointPrefix: string): Session {
    const id = randomBytes(SESSION_ID_BYTES).toString("base64url");
    const session = new Session(id, dialect, res, credential, scope);
    const stream = res as StreamResponse;
    stream[SESSION] = session;
    stream[OWNER] = this;
    res.once("close", onStreamClose);
    this.byId.set(id, session);
    // A stream that ends only when the connection does needs no chunked framing: the body is
    // delimited by the close (RFC 9112 §6.3), which saves a size line and a buffer per event.
    res.useChunkedEncodingByDefault = false;
    res.writeHead(200, STREAM_HEADERS);
    res.write(endpointFrame(endpointPrefix + id));
    if (dialect === "celonis") {
      session.endTimer = setTimeout(endStream, this.celonisStreamMs, this, session);
      session.endTimer.unref();
    }
    if (this.keepAliveTimer === undefined) {
      this.keepAliveTimer = setInterval(keepAlive, this.keepAliveMs, this.byId);
      this.keepAliveTimer.unref();
    }
    this.emit("open", session);
    return session;
  }

  /** Forgets `session` (idempotent). */
  remove(session: Session): void {
    if (session.closed) return;
    session.dispose();
    this.byId.delete(session.id);
    if (this.byId.size === 0 && this.keepAliveTimer !== undefined) {
      clearInterval(this.keepAliveTimer);
      this.keepAliveTimer = undefined;
    }
    this.emit("close", session);
  }

  /** Ends every stream cleanly (the connection closes, which ends the body) and forgets the sessions. */
  closeAll(): void {
    for (const session of [...this.byId.values()]) {
      this.remove(session);
      session.res.end();
    }
  }
}

function onStreamClose(this: StreamResponse): void {
  const session = this[SESSION];
  if (session) this[OWNER]?.remove(session);
}

function endStream(registry: SessionRegistry, session: Session): void {
  // Forget it first, so no POST writes to a stream that has ended.
  registry.remove(session);
  session.res.end();
}

function keepAlive(sessions: Map<string, Session>): void {
  for (const session of sessions.values()) {
    // A client that is not reading gets no more padding; send() cuts it off if it falls far behind.
    if (session.res.writableLength === 0) session.res.write(KEEP_ALIVE_FRAME);
  }
}
