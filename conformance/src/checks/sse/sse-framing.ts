/**
 * The stream's bytes follow the event-stream grammar strictly (see wire/sse-grammar.ts), checked
 * on a session that carried a few exchanges, so answers are framed too, not just the endpoint.
 * A legal stream that eventsource-parser (the SDK clients' reader) reads differently is a warning.
 */
import { fail, pass, warn, type Check } from "../../check.js";
import { checkEventStreamGrammar } from "../../wire/sse-grammar.js";
import { initializeRequest, initializedNotification, rpcRequest } from "../../protocol/messages.js";
import { REF } from "../references.js";

export const sseFraming: Check = {
  id: "sse-framing",
  group: "sse",
  level: "MUST",
  title: "The stream follows the event-stream grammar: line ends, blank-line dispatch, known fields, retry digits, no stray BOM",
  reference: REF.whatwgSse,
  failureMeans:
    "Clients read the stream differently from what the server meant: an event can be lost, merged into the next one or given the wrong data, so some requests never seem to be answered. The message names the line and byte where the grammar broke; a warning means the bytes are legal but a common client (eventsource-parser) misreads them.",
  remedy:
    "End every line with LF (or CRLF, the same way throughout) and every event with a blank line. Use only the fields event, data, id and retry, and give retry digits only. Put JSON on one data line, or split it over several data: lines, never raw newlines. Write no byte-order mark. Use your framework's SSE writer instead of joining strings by hand.",
  profiles: "all",
  requires: ["sse-endpoint-first"],
  async run(ctx) {
    const opened = await ctx.tryOpenSession();
    const stream = "session" in opened ? opened.session.stream : opened.stream;
    let exchanged = 0;
    if ("session" in opened) {
      // Answers are what the grammar check is after; a server that does not answer is judged elsewhere.
      for (const message of [initializeRequest("framing-init"), rpcRequest("framing-ping", "ping"), rpcRequest("framing-unknown", "mcp-contract/no-such-method")]) {
        const answer = await opened.session.request(message);
        if (!answer.message) break;
        exchanged += 1;
        if (message.method === "initialize") await opened.session.post(initializedNotification);
      }
    }
    const raw = stream.raw();
    // A stream the runner closed, or kept only the start of, has no end to judge.
    const result = checkEventStreamGrammar(raw, stream.endedWhole);
    if (!result.ok) {
      return fail(`line ${result.line} (byte ${result.offset}): ${result.problem}. Bytes: ${result.excerpt}`, ctx.evidence.stream(stream));
    }
    const interop = stream.libraryNotes();
    if (interop.length > 0) {
      return warn(`the stream follows the grammar, but a common client misreads it (an interop risk, not a violation): ${interop.join("; ")}`, ctx.evidence.stream(stream, interop));
    }
    return pass(`${raw.length} bytes, ${result.lines} lines, ${result.events} events (${exchanged} answered requests) follow the grammar`);
  },
};
