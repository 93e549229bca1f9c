/**
 * A request is answered with `application/json` (one object) or `text/event-stream`, and the
 * answer holds exactly one response, bearing the request's id.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#sending-messages-to-the-server
 */
import { fail, pass } from "../../check.js";
import { REF } from "../references.js";
import { legacyCheck } from "../../streamable/legacy-check.js";
import { describe, isObject, mediaType, messagesOf, postLegacy } from "../../streamable/streamable-exchange.js";

export const legacyRequestAnswer = legacyCheck({
  id: "legacy-request-answer",
  level: "MUST",
  title: "A request is answered in JSON or SSE with one response bearing its id",
  reference: REF.streamableSending,
  failureMeans:
    "Clients cannot read the answer: a status other than 200, a media type other than application/json or text/event-stream, several responses, or a response with another id leaves the request unanswered as far as the client can tell.",
  remedy:
    "Answer a POSTed request with 200 and either Content-Type: application/json holding exactly the one response with the request's id, or text/event-stream whose events end with that response.",
  transports: ["stateful", "stateless"],
  async run(ctx, opened) {
    const exchange = await postLegacy(ctx, opened, { jsonrpc: "2.0", id: 15, method: "tools/list" });
    const evidence = ctx.evidence.exchange(exchange);
    const type = mediaType(exchange);
    if (exchange.response?.status !== 200 || (type !== "application/json" && type !== "text/event-stream")) {
      return fail(`tools/list got ${describe(exchange)}; want 200 application/json or text/event-stream`, evidence);
    }
    const responses = messagesOf(exchange).filter((m) => isObject(m) && ("result" in m || "error" in m));
    if (responses.length !== 1) return fail(`the answer holds ${responses.length} responses; want exactly one`, evidence);
    const [only] = responses as Record<string, unknown>[];
    return only?.["id"] === 15 ? pass(`one response with id 15 (${type})`, evidence) : fail(`the response's id is ${JSON.stringify(only?.["id"])}, not 15`, evidence);
  },
});
