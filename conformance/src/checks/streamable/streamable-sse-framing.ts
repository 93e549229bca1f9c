/**
 * An SSE answer to a Streamable HTTP POST follows the event-stream grammar (the strict reading the
 * HTTP+SSE framing check uses), in each era: line ends, blank-line dispatch, known fields, retry
 * digits, UTF-8, no stray BOM. A server that never streams an answer is skipped.
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#parsing-an-event-stream
 */
import { fail, pass, skip, type Check } from "../../check.js";
import { REF } from "../references.js";
import { inEachEra, streamedAnswer } from "../../streamable/era-probe.js";
import { STREAM_ASKED } from "../../streamable/legacy-streams.js";
import { checkEventStreamGrammar } from "../../wire/sse-grammar.js";

export const streamableSseFraming: Check = {
  id: "streamable-sse-framing",
  group: "streamable",
  level: "MUST",
  title: "An SSE answer to a POST follows the event-stream grammar",
  reference: REF.whatwgSse,
  failureMeans:
    "Clients misread the streamed answer: an event is lost, merged with the next or parsed with wrong data, so the response never reaches the caller. The message names the line and byte where the grammar broke.",
  remedy:
    "Write each event as field lines (event, data, id, retry with digits only) ending in LF (or CRLF, the same throughout), ended by a blank line; put the JSON on one data line; valid UTF-8, no byte-order mark. Use your framework's SSE writer rather than joining strings by hand.",
  profiles: "all",
  transports: ["stateful", "stateless", "modern"],
  requires: [],
  run: (ctx) =>
    inEachEra(ctx, async (channel) => {
      const exchange = await streamedAnswer(channel, { jsonrpc: "2.0", id: 74, method: "tools/list" });
      if (!exchange?.response) return skip("the server answered tools/list in JSON even when asked for a stream: no SSE answer to read");
      const evidence = ctx.evidence.exchange(exchange, [STREAM_ASKED]);
      const grammar = checkEventStreamGrammar(exchange.response.body, !exchange.error);
      if (!grammar.ok) return fail(`line ${grammar.line} (byte ${grammar.offset}): ${grammar.problem}: ${grammar.excerpt}`, evidence);
      return pass(`${grammar.events} event(s) in ${grammar.lines} lines, all well formed`, evidence);
    }),
};
