/**
 * The open sessions by id, whatever transport opened them: mints their ids, forgets a session the
 * moment it ends, and tells listeners (tests wait on `open` and `close`).
 */
import { randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";
import type { Session } from "./session.js";

/** Session ids carry 128 bits from the CSPRNG, base64url (22 characters, visible ASCII). */
const SESSION_ID_BYTES = 16;

/** A new unguessable session id. */
export function newSessionId(): string {
  return randomBytes(SESSION_ID_BYTES).toString("base64url");
}

export interface SessionEvents {
  open: [Session];
  close: [Session];
}

export class SessionRegistry extends EventEmitter<SessionEvents> {
  private readonly byId = new Map<string, Session>();

  /** How many sessions are open. */
  get size(): number {
    return this.byId.size;
  }

  /** The open session with this id. */
  get(id: string): Session | undefined {
    return this.byId.get(id);
  }

  /** Registers a new session. */
  add(session: Session): void {
    this.byId.set(session.id, session);
    this.emit("open", session);
  }

  /** Ends `session` (its stream too) and forgets it (idempotent). */
  remove(session: Session): void {
    if (session.closed) return;
    this.byId.delete(session.id);
    session.dispose();
    this.emit("close", session);
  }

  /** Ends every session and its stream. */
  closeAll(): void {
    for (const session of [...this.byId.values()]) this.remove(session);
  }
}
