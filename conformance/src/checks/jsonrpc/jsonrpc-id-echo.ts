/** Answers echo the request id unchanged, type included: "abc-1" stays a string, 7 stays a number. */
import { fail, pass, type Check } from "../../check.js";
import { rpcRequest } from "../../protocol/messages.js";
import { answerEvidence, describeAnswer } from "../answer-evidence.js";
import { REF } from "../references.js";

export const jsonrpcIdEcho: Check = {
  id: "jsonrpc-id-echo",
  group: "jsonrpc",
  level: "MUST",
  title: 'Request ids are echoed with their type: "abc-1" and 7',
  reference: REF.jsonrpcResponse,
  failureMeans:
    "Clients match answers to requests by id with strict equality: an id sent as 7 that comes back as \"7\" (or the other way round) matches nothing, so the request times out although it was answered.",
  remedy:
    "Copy the request's id into the response unchanged, type included. Do not stringify, parse or normalise it; watch for Map keys, query strings or log formats that turn numbers into strings on the way.",
  profiles: "all",
  requires: ["post-request-accepted"],
  async run(ctx) {
    const session = await ctx.openSession({ initialize: true });
    for (const id of ["abc-1", 7] as const) {
      // Match loosely, so an id that came back as the wrong type is reported as such, not as missing.
      const answer = await session.request(rpcRequest(id, "ping"), { match: (r) => String(r.id) === String(id) });
      if (!answer.message) return fail(`ping with id ${JSON.stringify(id)}: ${describeAnswer(answer)}`, answerEvidence(ctx, session, answer));
      if (answer.message.id !== id) {
        return fail(`id ${JSON.stringify(id)} (${typeof id}) came back as ${JSON.stringify(answer.message.id)} (${typeof answer.message.id})`, answerEvidence(ctx, session, answer));
      }
    }
    return pass('"abc-1" and 7 echoed with their types');
  },
};
