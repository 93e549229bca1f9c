import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sessionIdProblem } from "./session-id-unpredictable.js";

const eight = (make: (i: number) => string): string[] => Array.from({ length: 8 }, (_, i) => make(i));

// One fixed instant, not Date.now() per id: a clock read per id crosses a millisecond now and then
// (about 7 runs in 1,000), which makes the shared prefix shorter and the fixture look random.
// A time-based generator issuing 8 ids in one burst stamps them all with the same instant.
const BURST_INSTANT = Date.UTC(2026, 0, 1, 12, 0, 0).toString(16);

describe("sessionIdProblem", () => {
  it.each([
    ["UUIDs", eight(() => randomUUID())],
    ["base64url of 16 random bytes", eight(() => randomBytes(16).toString("base64url"))],
    ["hex with a fixed prefix", eight(() => `sess_${randomBytes(12).toString("hex")}`)],
  ])("accepts %s", (_, ids) => {
    expect(sessionIdProblem(ids)).toBeUndefined();
  });

  it.each([
    ["a repeated id", [...eight(() => randomUUID()).slice(0, 7), "same"].map((id, i, all) => (i === 7 ? (all[0] ?? id) : id)), /same id/],
    ["short ids", eight(() => randomBytes(4).toString("hex")), /not ≥ 16 chars/],
    ["counting numbers", eight((i) => `session-${String(1000 + i).padStart(20, "0")}`), /only \d+ chars vary/],
    ["large numeric counters", eight((i) => String(1_000_000_000_000_000 + i * 7)), /only \d+ chars vary/],
    ["time-based ids sharing a long prefix", eight((i) => `${BURST_INSTANT}-${"a".repeat(16)}-${i}`), /only \d+ chars vary/],
    ["ids with other characters", eight(() => `${randomUUID()}.x`), /base64url, hex or UUID/],
  ])("rejects %s", (_, ids, problem) => {
    expect(sessionIdProblem(ids)).toMatch(problem);
  });
});
