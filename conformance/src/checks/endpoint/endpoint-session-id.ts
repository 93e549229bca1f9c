/** The endpoint URL names the session with a `sessionId` query parameter, as every seed dialect does. */
import { fail, pass, type Check } from "../../check.js";
import { REF } from "../references.js";

export const endpointSessionId: Check = {
  id: "endpoint-session-id",
  group: "endpoint",
  level: "MUST",
  title: "The endpoint event's URL carries a sessionId query parameter",
  reference: REF.spiceSeed,
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
