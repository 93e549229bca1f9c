/** ping is answered promptly with an empty result. */
import { fail, pass, type Check } from "../../check.js";
import { rpcRequest } from "../../protocol/messages.js";
import { answerEvidence, describeAnswer } from "../answer-evidence.js";
import { REF } from "../references.js";

export const mcpPing: Check = {
  id: "mcp-ping",
  group: "mcp",
  level: "MUST",
  title: "ping is answered with an empty result {}",
  reference: REF.ping,
  failureMeans:
    "Clients and proxies use ping to see whether the connection is alive; an error or a result that is not empty makes them treat it as dead and reconnect.",
  remedy:
    "Answer ping at once with an empty result: {\"jsonrpc\":\"2.0\",\"id\":<the request's id>,\"result\":{}} (a _meta member is allowed, nothing else).",
  profiles: "all",
  requires: ["post-request-accepted"],
  async run(ctx) {
    const session = await ctx.openSession({ initialize: true });
    const answer = await session.request(rpcRequest("mcp-ping", "ping"));
    if (!answer.message || !("result" in answer.message)) return fail(`ping: ${describeAnswer(answer)}`, answerEvidence(ctx, session, answer));
    const result: unknown = answer.message.result;
    const extra = typeof result === "object" && result !== null && !Array.isArray(result) ? Object.keys(result).filter((key) => key !== "_meta") : null;
    if (extra === null) return fail(`ping's result is ${JSON.stringify(result)}, not an object`, answerEvidence(ctx, session, answer));
    if (extra.length > 0) return fail(`ping's result is not empty: ${JSON.stringify(result)}`, answerEvidence(ctx, session, answer));
    return pass("{}");
  },
};
