/** A request for a method the server does not have is answered with -32601, echoing its id. */
import { fail, pass, type Check } from "../../check.js";
import { rpcRequest } from "../../protocol/messages.js";
import { answerEvidence, describeAnswer } from "../answer-evidence.js";
import { REF } from "../references.js";

export const jsonrpcMethodNotFound: Check = {
  id: "jsonrpc-method-not-found",
  group: "jsonrpc",
  level: "MUST",
  title: "An unknown method is answered with -32601",
  reference: REF.jsonrpcErrorObject,
  failureMeans:
    "A client probing for an optional method (or one from a newer revision) cannot tell an unsupported method from a broken server; a result for an unknown method makes it believe the call worked.",
  remedy:
    "Answer a request whose method you do not implement with error -32601 (Method not found) and the request's id, e.g. {\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":-32601,\"message\":\"Method not found: foo/bar\"}}. Most SDKs do this when no handler is registered; never return an empty result instead.",
  profiles: "all",
  requires: ["post-request-accepted"],
  async run(ctx) {
    const session = await ctx.openSession({ initialize: true });
    const answer = await session.request(rpcRequest("method-not-found", "mcp-contract/no-such-method"));
    if (!answer.message) return fail(describeAnswer(answer), answerEvidence(ctx, session, answer));
    if (!("error" in answer.message)) return fail(`an unknown method got a result: ${describeAnswer(answer)}`, answerEvidence(ctx, session, answer));
    if (answer.message.error.code !== -32601) {
      return fail(`an unknown method was answered with code ${JSON.stringify(answer.message.error.code)}, not -32601`, answerEvidence(ctx, session, answer));
    }
    return pass("-32601 with the request's id");
  },
};
