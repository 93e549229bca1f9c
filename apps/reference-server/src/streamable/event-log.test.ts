import { describe, expect, it } from "vitest";
import { EventLog, MAX_LOGGED_BYTES, MAX_LOGGED_EVENTS } from "./event-log.js";

describe("EventLog", () => {
  it("replays one stream's events after a position, never another stream's", () => {
    const log = new EventLog();
    log.add(1, 1, "a1");
    log.add(2, 2, "b2");
    log.add(1, 3, "a3");
    log.add(1, 4, "a4");
    expect(log.after(1, 1)).toEqual(["a3", "a4"]);
    expect(log.after(2, 0)).toEqual(["b2"]);
    expect(log.after(1, 4)).toEqual([]);
  });

  it("keeps at most MAX_LOGGED_EVENTS events, dropping the oldest", () => {
    const log = new EventLog();
    for (let seq = 1; seq <= MAX_LOGGED_EVENTS + 10; seq++) log.add(1, seq, `e${seq}`);
    expect(log.size).toBe(MAX_LOGGED_EVENTS);
    expect(log.after(1, 0)[0]).toBe("e11");
  });

  it("keeps at most MAX_LOGGED_BYTES of frames, but always the newest event", () => {
    const log = new EventLog();
    const big = "x".repeat(MAX_LOGGED_BYTES / 2 + 1);
    log.add(1, 1, big);
    log.add(1, 2, big);
    expect(log.after(1, 0)).toEqual([big]);
    log.add(1, 3, "y".repeat(MAX_LOGGED_BYTES + 1));
    expect(log.size).toBe(1);
  });
});
