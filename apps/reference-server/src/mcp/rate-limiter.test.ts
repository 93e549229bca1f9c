import { describe, expect, it } from "vitest";
import { newRateWindow, rateLimitedResult, takeCall } from "./rate-limiter.js";

describe("takeCall", () => {
  it("allows the limit within a minute, then says how long to wait, then resets", () => {
    const window = newRateWindow();
    const start = 1_000_000;
    expect([takeCall(window, 2, start), takeCall(window, 2, start + 1)]).toEqual([0, 0]);
    expect(takeCall(window, 2, start + 12_500)).toBe(48);
    expect(takeCall(window, 2, start + 59_999)).toBe(1);
    expect(takeCall(window, 2, start + 60_000)).toBe(0);
  });

  it("never limits at 0", () => {
    const window = newRateWindow();
    for (let i = 0; i < 1_000; i += 1) expect(takeCall(window, 0, i)).toBe(0);
  });

  it("words the answer as the Celonis seed does", () => {
    expect(rateLimitedResult(500, "asset", 12)).toEqual({
      content: [{ type: "text", text: "Rate limit exceeded: 500 calls per minute for this asset. Retry after 12 seconds." }],
      isError: true,
    });
  });
});
