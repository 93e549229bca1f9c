/**
 * A GET on the endpoint (with `Accept: text/event-stream`) is answered with an SSE stream, or with
 * 405 by a server that offers no stream there. Both are legal; anything else is not.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#listening-for-messages-from-the-server
 */
import { fail, pass } from "../../check.js";
import { REF } from "../references.js";
import { legacyCheck } from "../../streamable/legacy-check.js";
import { openSessionStream, streamMediaType } from "../../streamable/legacy-streams.js";

export const legacyGetStreamOr405 = legacyCheck({
  id: "legacy-get-stream-or-405",
  level: "MUST",
  title: "GET on the endpoint is answered with text/event-stream or 405",
  reference: REF.streamableListening,
  failureMeans:
    "Clients that open the GET stream for server-initiated messages get an answer they cannot interpret (404, a JSON body, a hang), and may treat the whole server as broken.",
  remedy:
    "Answer GET on the MCP endpoint with Accept: text/event-stream either with 200 and Content-Type: text/event-stream (a stream for server messages of that session), or with 405 Method Not Allowed if you offer no such stream.",
  transports: ["stateful", "stateless"],
  async run(ctx, opened) {
    const stream = await openSessionStream(ctx, opened);
    const evidence = ctx.evidence.stream(stream);
    stream.close();
    if (stream.status === 405) return pass("GET got 405: this server offers no GET stream", evidence);
    const type = streamMediaType(stream);
    if (stream.status === 200 && type === "text/event-stream") return pass("GET opened an SSE stream", evidence);
    const seen = stream.status === undefined ? (stream.endedBy ?? "no answer") : `${stream.status}${type ? ` ${type}` : ""}`;
    return fail(`GET got ${seen}; want 200 text/event-stream, or 405`, evidence);
  },
});
