/**
 * The legacy Streamable HTTP sessions, so they cannot leak: kept in least-recently-used order, at
 * most `maxSessions` of them (a new one past the cap ends the least recently used idle one, whose
 * client gets 404 and initializes again, as the spec tells it to), and ended after
 * `sessionIdleMs` without a request or an attached stream. One timer serves every session and
 * runs only while there are sessions. Sessions are also in the app's SessionRegistry, so
 * `app.close()` ends them and tests can wait on its events.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#session-management
 */
import type { SessionRegistry } from "../session/session-registry.js";
import type { Session } from "../session/session.js";
import { REPLAY_WINDOW_MS } from "./event-log.js";
import { StreamableSession } from "./streamable-session.js";

/** How many of the least recently used sessions are looked at for an idle one to end at the cap. */
const EVICTION_SCAN = 32;

export class StreamableSessions {
  private readonly byUse = new Map<string, StreamableSession>();
  private timer: NodeJS.Timeout | undefined = undefined;

  constructor(
    private readonly registry: SessionRegistry,
    private readonly idleMs: number,
    private readonly maxSessions: number,
  ) {
    registry.on("close", (session: Session) => {
      if (session instanceof StreamableSession) this.forget(session);
    });
  }

  /** How many sessions are open. */
  get size(): number {
    return this.byUse.size;
  }

  /** The open session with this id. */
  get(id: string): StreamableSession | undefined {
    return this.byUse.get(id);
  }

  /** Registers a new session, first ending one if the cap is reached. */
  add(session: StreamableSession, now: number): void {
    if (this.byUse.size >= this.maxSessions) this.evictOne();
    session.lastSeen = now;
    this.byUse.set(session.id, session);
    this.registry.add(session);
    if (this.timer === undefined) {
      this.timer = setInterval(sweep, Math.max(10, Math.min(this.idleMs, REPLAY_WINDOW_MS / 2)), this);
      this.timer.unref();
    }
  }

  /** Marks `session` used now: it moves to the back of the eviction order. */
  touch(session: StreamableSession, now: number): void {
    session.lastSeen = now;
    this.byUse.delete(session.id);
    this.byUse.set(session.id, session);
  }

  /** Ends `session` (DELETE, expiry, eviction): its streams end and its id gets 404 from now on. */
  end(session: StreamableSession): void {
    this.registry.remove(session);
  }

  /** Ends every session idle for longer than the idle time; drops the replay buffers nobody can still need. */
  expireIdle(now: number): void {
    const quiet = Math.min(this.idleMs, REPLAY_WINDOW_MS);
    for (const session of [...this.byUse.values()]) {
      // Map order is use order: the first one used recently enough ends the scan.
      if (now - session.lastSeen <= quiet) break;
      if (now - session.lastSeen > this.idleMs && session.busy === 0 && !session.listening) this.end(session);
      else session.dropStaleLog(now, REPLAY_WINDOW_MS);
    }
  }

  private evictOne(): void {
    let scanned = 0;
    let oldest: StreamableSession | undefined;
    for (const session of this.byUse.values()) {
      oldest ??= session;
      if (session.busy === 0 && !session.listening) return this.end(session);
      if (++scanned >= EVICTION_SCAN) break;
    }
    if (oldest) this.end(oldest);
  }

  private forget(session: StreamableSession): void {
    this.byUse.delete(session.id);
    if (this.byUse.size === 0 && this.timer !== undefined) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}

function sweep(sessions: StreamableSessions): void {
  sessions.expireIdle(Date.now());
}
