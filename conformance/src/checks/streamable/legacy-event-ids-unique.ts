/**
 * SSE event ids, where a server sends them, are unique across every stream of the session: a
 * `Last-Event-ID` must name one event of one stream. Three POSTs ask for their answers as streams
 * and every id they carry is compared; fewer than two ids leave nothing to compare (skipped).
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#resumability-and-redelivery
 */
import { fail, pass, skip } from "../../check.js";
import type { Exchange } from "../../wire/http-exchange.js";
import { REF } from "../references.js";
import { legacyCheck } from "../../streamable/legacy-check.js";
import { eventsOf, postForStream, STREAM_ASKED } from "../../streamable/legacy-streams.js";

const REQUEST_IDS = [31, 32, 33];

export const legacyEventIdsUnique = legacyCheck({
  id: "legacy-event-ids-unique",
  level: "MUST",
  title: "SSE event ids are unique across the session's streams",
  reference: REF.streamableResumability,
  failureMeans:
    "A client that reconnects with Last-Event-ID can be resumed on the wrong stream, or miss or repeat messages, because one id names events on several streams.",
  remedy:
    "If you put ids on SSE events, make them unique across every stream of the session, e.g. <stream id>/<sequence number>, so an id names one event of one stream.",
  transports: ["stateful"],
  async run(ctx, opened) {
    const seen = new Map<string, number>();
    let last: Exchange | undefined;
    for (const id of REQUEST_IDS) {
      last = await postForStream(ctx, opened, id);
      for (const event of eventsOf(last).events) {
        if (event.id === undefined || event.id === "") continue;
        const earlier = seen.get(event.id);
        if (earlier !== undefined) {
          const where = earlier === id ? "twice on the stream of" : `on the streams of request ${earlier} and of`;
          return fail(`event id ${JSON.stringify(event.id)} was sent ${where} request ${id}`, ctx.evidence.exchange(last, [STREAM_ASKED]));
        }
        seen.set(event.id, id);
      }
    }
    if (!last || seen.size < 2) return skip(`the server put ids on ${seen.size} events of ${REQUEST_IDS.length} SSE answers; ids are optional, and there is nothing to compare`);
    return pass(`${seen.size} event ids over ${REQUEST_IDS.length} streams, all different`, ctx.evidence.exchange(last, [STREAM_ASKED, `ids: ${[...seen.keys()].join(", ")}`]));
  },
});
