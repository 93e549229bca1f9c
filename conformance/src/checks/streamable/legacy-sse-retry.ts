/**
 * Under 2025-11-25, a server that closes an SSE connection before the stream is over sends a
 * `retry` field first, so the client knows when to reconnect. The probe makes that happen the one
 * way a client can: it resumes the session's GET stream on a second connection, which a server
 * that keeps one connection per stream answers by closing the first. A server that keeps the first
 * open has closed nothing early, and passes. A SHOULD, for 2025-11-25 sessions only.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#listening-for-messages-from-the-server
 */
import { MCP_HEADER } from "@mcp-contract/api-types";
import { fail, pass, skip } from "../../check.js";
import { REF } from "../references.js";
import { legacyCheck } from "../../streamable/legacy-check.js";
import { openSessionStream, retriesOf, sessionGetHeaders, streamMediaType } from "../../streamable/legacy-streams.js";
import { PRIMING_REVISION } from "./legacy-sse-priming.js";

/** How long the first connection is watched for the server closing it (a close comes at once). */
const CLOSE_WAIT_MS = 1000;

export const legacySseRetry = legacyCheck({
  id: "legacy-sse-retry",
  level: "SHOULD",
  title: "Under 2025-11-25 a server that closes an SSE connection early sends retry first",
  reference: REF.streamablePriming,
  failureMeans:
    "When the server closes a stream's connection early without a retry field, the client has no guidance on when to reconnect, and either hammers the server or waits with the default delay.",
  remedy:
    "Under 2025-11-25, before closing an SSE connection whose stream is not finished, send a retry field (retry: 1000, then a blank line) telling the client how many milliseconds to wait before reconnecting with Last-Event-ID.",
  transports: ["stateful"],
  async run(ctx, opened) {
    if (opened.version !== PRIMING_REVISION) return skip(`the session negotiated ${opened.version}; retry before an early close is a ${PRIMING_REVISION} rule`);
    const first = await openSessionStream(ctx, opened);
    if (first.status !== 200 || streamMediaType(first) !== "text/event-stream") return skip(`GET got ${first.status ?? first.endedBy}: there is no GET stream to resume`);
    const primed = await first.waitForEvent((event) => event.id !== undefined && event.id !== "", ctx.timeoutMs, { signal: ctx.signal });
    if (!primed?.id) return skip("the GET stream sent no event with an id, so it cannot be resumed");
    // The second connection's head is not awaited: a server may send it only with the first replayed event.
    const second = ctx.openStream({ headers: sessionGetHeaders(ctx, opened, { [MCP_HEADER.LAST_EVENT_ID]: primed.id }) });
    const closed = await first.waitForEnd(Math.min(CLOSE_WAIT_MS, ctx.timeoutMs), ctx.signal);
    const notes = [`resumed the GET stream from ${primed.id} on a second connection (${second.status ?? "no head yet"})`];
    const evidence = ctx.evidence.stream(first, notes);
    second.close();
    if (!closed || first.endedBy !== "closed by the server") return pass("the server kept the first connection open: nothing was closed early", evidence);
    const retries = retriesOf(first.raw());
    return retries.length > 0
      ? pass(`the server closed the first connection after retry: ${retries.at(-1)}`, evidence)
      : fail("the server closed the first connection without ever sending retry", evidence);
  },
});
