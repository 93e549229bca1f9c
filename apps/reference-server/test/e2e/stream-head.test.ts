/**
 * A legacy GET stream with nothing to send yet (a 2025-06-18 session: no priming event; a resume
 * with nothing to replay) gets its 200 and headers at once, not with the first event or the first
 * keep-alive comment. The keep-alive interval is set far beyond the test's bound.
 */
import { describe, expect, it } from "vitest";
import { startApp } from "./harness.js";
import { initialize } from "./streamable-harness.js";

describe("legacy GET stream head", () => {
  it.each(["2025-06-18", "2025-03-26"])("answers a %s session's GET at once, before any event", async (version) => {
    await using server = await startApp({ config: { keepAliveMs: 600_000 } });
    const session = await initialize(`${server.url}/mcp`, version);
    await using stream = await session.listen();
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get("content-type")).toBe("text/event-stream");
    expect(stream.events).toHaveLength(0);
  });

  it("answers a resume with nothing to replay at once", async () => {
    await using server = await startApp({ config: { keepAliveMs: 600_000 } });
    const session = await initialize(`${server.url}/mcp`, "2025-11-25");
    const first = await session.listen();
    const primed = await first.waitFor((event) => event.id !== undefined);
    first.close();
    await using resumed = await session.listen({ "last-event-id": primed.id! });
    expect(resumed.response.status).toBe(200);
  });
});
