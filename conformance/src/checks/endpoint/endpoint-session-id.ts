/** The endpoint URL names the session with a `sessionId` query parameter, as every seed dialect does. */
import { fail, pass, type Check } from "../../check.js";
import { REF } from "../references.js";

export const endpointSessionId: Check = {
  id: "endpoint-session-id",
  group: "endpoint",
  level: "MUST",
  title: "The endpoint event's URL carries a sessionId query parameter",
  reference: REF.spiceSeed,
  failureMeans:
    "The POST URL does not say which session a message belongs to, so the server cannot route answers to the right stream the way the Spice, OpenSearch and SDK transports do, and the session checks (missing, unknown or closed sessionId) cannot run.",
  remedy:
    "Give every stream its own id and put it in the endpoint event's URL as a sessionId query parameter (data: /messages?sessionId=3f9c2a…). Look the session up by that parameter on every POST.",
  profiles: "all",
  requires: ["sse-endpoint-first"],
  async run(ctx) {
    const opened = await ctx.tryOpenSession();
    if (!("session" in opened)) return fail(opened.problem, ctx.evidence.stream(opened.stream));
    const { session } = opened;
    if (!session.sessionId) {
      return fail(`the endpoint data ${JSON.stringify(session.endpoint.data)} has no sessionId query parameter`, ctx.evidence.stream(session.stream));
    }
    return pass(`sessionId=${session.sessionId}`);
  },
};
