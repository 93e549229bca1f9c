import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./cursor.js";

describe("tools/list cursors", () => {
  it.each([0, 1, 50, 123_456])("round-trips offset %i", (offset) => {
    expect(decodeCursor(encodeCursor(offset))).toBe(offset);
  });

  it.each(["", "50", "not a cursor", Buffer.from("tools:-1").toString("base64url"), Buffer.from("tools:01").toString("base64url"), "x".repeat(100)])(
    "refuses %j",
    (cursor) => {
      expect(decodeCursor(cursor)).toBeUndefined();
    },
  );
});
