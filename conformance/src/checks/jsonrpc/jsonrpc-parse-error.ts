/**
 * Malformed JSON is answered with a JSON-RPC error -32700 whose id is null, in the POST body or on
 * the stream. A bare HTTP 400 with no JSON-RPC error is not that answer: a JSON-RPC client cannot
 * read it.
 */
import { fail, pass, type Check } from "../../check.js";
import { answerEvidence, describeAnswer, idNullErrorsSince } from "../answer-evidence.js";
import { REF } from "../references.js";

/** A request cut off before its closing brace: not JSON. */
export const MALFORMED_JSON = '{"jsonrpc": "2.0", "id": "parse-error", "method": "ping"';

export const jsonrpcParseError: Check = {
  id: "jsonrpc-parse-error",
  group: "jsonrpc",
  level: "MUST",
  title: "Malformed JSON is answered with error -32700 and id null",
  reference: REF.jsonrpcErrorObject,
  failureMeans:
    "A client that sent a broken body (a truncated write, an encoding bug) gets no JSON-RPC answer, or a bare HTTP status a JSON-RPC client cannot read, so its request hangs or fails with no reason given. An error whose id is not null claims to answer a request the server could not read.",
  remedy:
    "When the body does not parse as JSON, answer {\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error\"}}, on the session's stream or as the POST's response body; do not guess the id from the broken text.",
  profiles: "all",
  requires: ["post-request-accepted"],
  async run(ctx) {
    const session = await ctx.openSession({ initialize: true });
    const mark = session.messages.length;
    const answer = await session.request(MALFORMED_JSON, {
      match: (r) => "error" in r && r.error.code === -32700 && (r.id === null || r.id === "parse-error"),
    });
    if (!answer.message) {
      const instead = idNullErrorsSince(session, mark, answer);
      return fail(
        `no -32700 answer: ${describeAnswer(answer)}${instead ? `; id-null errors seen instead: ${instead}` : ""}. A bare HTTP status is not a JSON-RPC parse error`,
        answerEvidence(ctx, session, answer),
      );
    }
    if (answer.message.id !== null) {
      return fail(`the -32700 error has id ${JSON.stringify(answer.message.id)}; it must be null (the id cannot be read from malformed JSON)`, answerEvidence(ctx, session, answer));
    }
    return pass(`-32700 with id null ${answer.via === "post-body" ? "in the POST body" : "on the stream"}`);
  },
};
