/**
 * A fixed-window counter per Celonis asset and per SSE session: two numbers, no timers. Past the
 * limit, `tools/call` answers a tool result with `isError: true` and when to retry, as the Celonis
 * seed documents.
 * @see openapi/message.yaml (postCelonisRequest, "rateLimited" example)
 */
import type { CallToolResult } from "@mcp-contract/api-types";

/** The counter's state; Session carries these fields itself. */
export interface RateWindow {
  windowStart: number;
  count: number;
}

const WINDOW_MS = 60_000;

/** A fresh window, for owners that are not sessions (Celonis assets). */
export function newRateWindow(): RateWindow {
  return { windowStart: 0, count: 0 };
}

/**
 * Counts one call in `window`. Returns 0 when it is within `limitPerMinute` (0 = no limit), or the
 * whole seconds until the window resets.
 */
export function takeCall(window: RateWindow, limitPerMinute: number, now: number): number {
  if (limitPerMinute === 0) return 0;
  if (now - window.windowStart >= WINDOW_MS) {
    window.windowStart = now;
    window.count = 0;
  }
  if (window.count < limitPerMinute) {
    window.count += 1;
    return 0;
  }
  return Math.max(1, Math.ceil((window.windowStart + WINDOW_MS - now) / 1000));
}

/** The seed's answer past the limit. */
export function rateLimitedResult(limitPerMinute: number, subject: "session" | "asset", retryAfterSeconds: number): CallToolResult {
  return {
    content: [
      {
        type: "text",
        text: `Rate limit exceeded: ${limitPerMinute} calls per minute for this ${subject}. Retry after ${retryAfterSeconds} seconds.`,
      },
    ],
    isError: true,
  };
}
