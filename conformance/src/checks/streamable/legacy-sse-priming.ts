/**
 * Under 2025-11-25, an SSE stream the server starts in answer to a POST opens with a priming
 * event: an event id and empty data, so the client can reconnect with that id at once. A SHOULD,
 * and only for sessions that negotiated 2025-11-25 (earlier revisions have no such rule).
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#sending-messages-to-the-server
 */
import { fail, pass, skip } from "../../check.js";
import { REF } from "../references.js";
import { legacyCheck } from "../../streamable/legacy-check.js";
import { eventsOf, postForStream, STREAM_ASKED } from "../../streamable/legacy-streams.js";
import { describe, mediaType } from "../../streamable/streamable-exchange.js";

/** The revision the priming rule belongs to. */
export const PRIMING_REVISION = "2025-11-25";

export const legacySsePriming = legacyCheck({
  id: "legacy-sse-priming",
  level: "SHOULD",
  title: "Under 2025-11-25 a POST's SSE answer starts with a priming event (an id, empty data)",
  reference: REF.streamablePriming,
  failureMeans:
    "A 2025-11-25 client that loses the stream before the first real event has no event id to resume from, so it cannot reconnect to the stream and the request is lost.",
  remedy:
    "Under 2025-11-25, start every SSE answer to a POST with a priming event: an id and empty data (id: <stream>/0, then data: and a blank line), before the first message.",
  transports: ["stateful", "stateless"],
  async run(ctx, opened) {
    if (opened.version !== PRIMING_REVISION) return skip(`the session negotiated ${opened.version}; the priming event is a ${PRIMING_REVISION} rule`);
    const exchange = await postForStream(ctx, opened, 61);
    const evidence = ctx.evidence.exchange(exchange, [STREAM_ASKED]);
    if (mediaType(exchange) !== "text/event-stream") return skip(`the server answered ${describe(exchange)}, not a stream, so there is no stream to prime`);
    const [first] = eventsOf(exchange).events;
    if (!first) return fail("the SSE answer holds no event", evidence);
    if (first.id === undefined || first.id === "") return fail("the first event has no id: a client that loses the stream now cannot resume it", evidence);
    if (first.data !== "") return fail(`the first event (id ${first.id}) carries data; a priming event's data is empty`, evidence);
    return pass(`priming event id ${first.id}`, evidence);
  },
});
