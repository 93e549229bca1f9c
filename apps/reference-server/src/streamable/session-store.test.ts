import { describe, expect, it } from "vitest";
import { SessionRegistry } from "../session/session-registry.js";
import { REPLAY_WINDOW_MS } from "./event-log.js";
import { StreamableSessions } from "./session-store.js";
import { StreamableSession } from "./streamable-session.js";

const ALL = { kind: "all" } as const;
const IDLE_MS = 10 * 60_000;

function store(maxSessions = 100): { registry: SessionRegistry; sessions: StreamableSessions; open(id: string, now: number): StreamableSession } {
  const registry = new SessionRegistry();
  const sessions = new StreamableSessions(registry, IDLE_MS, maxSessions);
  return {
    registry,
    sessions,
    open(id, now) {
      const session = new StreamableSession(id, "mcp", 0, ALL);
      sessions.add(session, now);
      return session;
    },
  };
}

describe("StreamableSessions", () => {
  it("ends sessions idle past the idle time, not busy ones, and forgets them everywhere", () => {
    const { registry, sessions, open } = store();
    const idle = open("idle", 0);
    const busy = open("busy", 0);
    busy.busy = 1;
    const recent = open("recent", IDLE_MS);
    sessions.expireIdle(IDLE_MS + 1);
    expect(idle.closed).toBe(true);
    expect(busy.closed).toBe(false);
    expect(recent.closed).toBe(false);
    expect(sessions.get("idle")).toBeUndefined();
    expect(registry.get("idle")).toBeUndefined();
    expect(sessions.size).toBe(2);
  });

  it("keeps a session it touched", () => {
    const { sessions, open } = store();
    const session = open("s", 0);
    sessions.touch(session, IDLE_MS);
    sessions.expireIdle(IDLE_MS + 1);
    expect(session.closed).toBe(false);
  });

  it("drops a quiet session's replay buffer after the replay window, and keeps the session", () => {
    const { sessions, open } = store();
    const session = open("s", 0);
    session.eventLog().add(1, session.nextSeq(), "frame");
    sessions.expireIdle(REPLAY_WINDOW_MS);
    expect(session.replay(1, 0)).toEqual(["frame"]);
    sessions.expireIdle(REPLAY_WINDOW_MS + 1);
    expect(session.replay(1, 0)).toEqual([]);
    expect(session.closed).toBe(false);
  });

  it("at the cap, ends the least recently used idle session for a new one", () => {
    const { sessions, open } = store(2);
    const first = open("first", 0);
    first.busy = 1;
    const second = open("second", 1);
    const third = open("third", 2);
    expect(first.closed).toBe(false);
    expect(second.closed).toBe(true);
    expect(third.closed).toBe(false);
    expect(sessions.size).toBe(2);
  });
});
