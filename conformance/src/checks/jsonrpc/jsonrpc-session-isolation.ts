/**
 * An answer goes only to the session whose POST carried the request. Two sessions A and B: a
 * request on A is answered on A; then a ping on B, whose answer must be the first thing B got
 * since the request on A (the stream is ordered, so anything of A's would come before it).
 */
import { fail, pass, type Check } from "../../check.js";
import { rpcRequest } from "../../protocol/messages.js";
import { answerEvidence, describeAnswer } from "../answer-evidence.js";
import { REF } from "../references.js";
import { messagesBeforeAnswer } from "../stray-messages.js";

export const jsonrpcSessionIsolation: Check = {
  id: "jsonrpc-session-isolation",
  group: "jsonrpc",
  level: "MUST",
  title: "A request on session A is answered on A only, never on session B",
  reference: REF.sseTransport,
  profiles: "all",
  requires: ["post-request-accepted"],
  async run(ctx) {
    const [a, b] = await Promise.all([ctx.openSession({ initialize: true }), ctx.openSession({ initialize: true })]);
    const markB = b.messages.length;
    const onA = await a.request(rpcRequest("isolation-a", "tools/list"));
    if (!onA.message) return fail(`the request on A got no answer on A: ${describeAnswer(onA)}`, answerEvidence(ctx, a, onA));
    const onB = await b.request(rpcRequest("isolation-b", "ping"));
    if (!onB.message) return fail(`the ping on B got no answer: ${describeAnswer(onB)}`, answerEvidence(ctx, b, onB));
    const leaked = messagesBeforeAnswer(b, markB, "isolation-b");
    if (leaked.length > 0) {
      return fail(`session B received ${leaked.length} message(s) it did not ask for, first: ${leaked[0]?.event.data.slice(0, 200)}`, answerEvidence(ctx, b, onB));
    }
    return pass("A's answer came on A; B's first message was its own ping's answer");
  },
};
