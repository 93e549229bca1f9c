/** A POST without the sessionId query parameter is a bad request: 400. */
import { fail, pass, type Check } from "../../check.js";
import { rpcRequest } from "../../protocol/messages.js";
import { REF } from "../references.js";
import { withSessionId } from "./accepted-status.js";

export const postMissingSession400: Check = {
  id: "post-missing-session-400",
  group: "message-status",
  level: "MUST",
  title: "A POST without sessionId answers 400",
  reference: REF.contractMessage,
  failureMeans:
    "A client bug (a POST that lost its sessionId) is not told apart from an ended session, and a server that accepts such a POST may run the message outside any session, or in the wrong one.",
  remedy:
    "Check for the sessionId query parameter before reading the body; when it is absent, answer 400 with a JSON-RPC error body such as {\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32000,\"message\":\"Missing sessionId query parameter: POST to the URL from the stream's endpoint event.\",\"data\":{\"reason\":\"missing_session_id\"}}}, and do not run the message.",
  profiles: ["generic", "spice", "opensearch"],
  requires: ["endpoint-session-id", "endpoint-resolves"],
  async run(ctx) {
    const session = await ctx.openSession();
    const url = withSessionId(session.endpointUrl, undefined);
    const sent = await session.post(rpcRequest("missing-session", "ping"), { url });
    const status = sent.response?.status;
    if (status === undefined) return fail(`POST ${url.pathname}: ${sent.error}`, ctx.evidence.exchange(sent));
    if (status !== 400) return fail(`a POST without sessionId answered ${status}, not 400`, ctx.evidence.exchange(sent));
    return pass("400 without sessionId");
  },
};
