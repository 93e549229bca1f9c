/**
 * A POST with a well-formed but unknown sessionId answers 404, not 400: the request is fine, the
 * session does not exist. Published servers answer 400 here, which tells a client to fix its
 * request instead of opening a new session.
 */
import { fail, pass, type Check } from "../../check.js";
import { rpcRequest } from "../../protocol/messages.js";
import { REF } from "../references.js";
import { lookalikeId, withSessionId } from "./accepted-status.js";

export const postUnknownSession404: Check = {
  id: "post-unknown-session-404",
  group: "message-status",
  level: "MUST",
  title: "A POST with an unknown sessionId answers 404 (not 400)",
  reference: REF.sessionNotFound,
  failureMeans:
    "A client whose session has ended (a server restart, an idle timeout) is told its request is malformed (400) instead of that the session is gone (404), so it resends the same request instead of opening a new stream.",
  remedy:
    "Tell the two cases apart: a missing or malformed sessionId is 400; a well-formed id that names no live session is 404. Look the id up before reading the body and, when the lookup misses, answer 404 with a JSON-RPC error body (error code -32000, data {\"reason\":\"unknown_session\"}, a message saying to open a new session with GET on the SSE URL).",
  profiles: ["generic", "spice", "opensearch"],
  requires: ["endpoint-session-id", "endpoint-resolves"],
  async run(ctx) {
    const session = await ctx.openSession();
    const unknown = lookalikeId(session.sessionId ?? "");
    const sent = await session.post(rpcRequest("unknown-session", "ping"), { url: withSessionId(session.endpointUrl, unknown) });
    const status = sent.response?.status;
    if (status === undefined) return fail(`POST: ${sent.error}`, ctx.evidence.exchange(sent));
    if (status === 400) {
      return fail(
        `an unknown sessionId answered 400; it must be 404 (400 means the request is malformed, 404 that the session is gone: a client re-opens the stream on 404)`,
        ctx.evidence.exchange(sent),
      );
    }
    if (status !== 404) return fail(`an unknown sessionId answered ${status}, not 404`, ctx.evidence.exchange(sent));
    return pass(`404 for sessionId ${unknown}`);
  },
};
