/**
 * `Last-Event-ID` resumes the stream that event was on and no other: the server may replay what
 * that stream missed, and must never replay a message of another stream. Two POSTs ask for
 * streamed answers; a GET resumes the first from its first event, and nothing of the second's may
 * come back. A server that does not resume at all (any answer but a stream) replays nothing.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#resumability-and-redelivery
 */
import { MCP_HEADER } from "@mcp-contract/api-types";
import { fail, pass, skip } from "../../check.js";
import { REF } from "../references.js";
import { legacyCheck } from "../../streamable/legacy-check.js";
import { eventsOf, openSessionStream, postForStream, STREAM_ASKED, streamMediaType } from "../../streamable/legacy-streams.js";
import { isObject } from "../../streamable/streamable-exchange.js";

const FIRST = 41;
const SECOND = 42;

export const legacyResumeOwnStream = legacyCheck({
  id: "legacy-resume-own-stream",
  level: "MUST",
  title: "GET with Last-Event-ID replays only that event's stream, never another's",
  reference: REF.streamableResumability,
  failureMeans:
    "A resuming client receives messages of another stream (another request's response), which it may take as the answer to the wrong request.",
  remedy:
    "On GET with Last-Event-ID, find the stream that event belongs to (encoding the stream in the id makes this easy) and replay only that stream's messages after it, or answer without replaying anything; never replay from another stream.",
  transports: ["stateful"],
  requires: ["legacy-event-ids-unique"],
  async run(ctx, opened) {
    const first = eventsOf(await postForStream(ctx, opened, FIRST)).events;
    const second = eventsOf(await postForStream(ctx, opened, SECOND)).events;
    const from = first[0]?.id;
    if (from === undefined || from === "") return skip("the first streamed answer's first event has no id, so there is nothing to resume from");
    const otherIds = new Set(second.map((event) => event.id).filter((id) => id !== undefined && id !== ""));
    const otherData = new Set(second.map((event) => event.data).filter((data) => data !== ""));
    const stream = await openSessionStream(ctx, opened, { [MCP_HEADER.LAST_EVENT_ID]: from });
    const notes = [STREAM_ASKED, `resumed from ${from}, the first event of request ${FIRST}'s stream; request ${SECOND}'s stream had ids ${[...otherIds].join(", ") || "(none)"}`];
    if (stream.status !== 200 || streamMediaType(stream) !== "text/event-stream") {
      return pass(`the server does not resume streams (GET with Last-Event-ID got ${stream.status ?? stream.endedBy}): nothing of another stream was replayed`, ctx.evidence.stream(stream, notes));
    }
    // A stream whose answer was sent is over: a server ends the replay; one that keeps it open is read to the bound.
    await stream.waitForEnd(ctx.timeoutMs, ctx.signal);
    const evidence = ctx.evidence.stream(stream, notes);
    for (const event of stream.events) {
      if (event.id !== undefined && otherIds.has(event.id)) return fail(`the replay holds event ${event.id} of request ${SECOND}'s stream`, evidence);
      if (otherData.has(event.data) || answers(event.data, [SECOND, `${SECOND}-stream`])) return fail(`the replay holds the response to request ${SECOND}, another stream's message`, evidence);
    }
    return pass(`the replay held ${stream.events.length} event(s), none of another stream`, evidence);
  },
});

/** Whether `data` is (or batches) a message bearing one of `ids`: the ids postForStream may have used. */
function answers(data: string, ids: readonly (number | string)[]): boolean {
  try {
    const message = JSON.parse(data) as unknown;
    const all = Array.isArray(message) ? message : [message];
    return all.some((m) => isObject(m) && ids.includes(m["id"] as number | string));
  } catch {
    return false;
  }
}
