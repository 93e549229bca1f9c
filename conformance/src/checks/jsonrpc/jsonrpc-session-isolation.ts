/**
 * An answer goes only to the session whose POST carried the request. Two sessions A and B: a
 * request on A is answered on A; then a ping on B: since a stream is ordered, A's answer, had it
 * leaked to B, would be on B before the ping's answer.
 */
import { fail, pass, type Check } from "../../check.js";
import { rpcRequest } from "../../protocol/messages.js";
import { isResponse, messagesIn } from "../../protocol/jsonrpc-shape.js";
import { answerEvidence, describeAnswer } from "../answer-evidence.js";
import { REF } from "../references.js";
import { messagesBeforeAnswer } from "../stray-messages.js";

export const jsonrpcSessionIsolation: Check = {
  id: "jsonrpc-session-isolation",
  group: "jsonrpc",
  level: "MUST",
  title: "A request on session A is answered on A only, never on session B",
  reference: REF.sseTransport,
  failureMeans:
    "Answers leak between sessions: one user's results (tool output, possibly private) go to another user's stream, and the user who asked waits forever.",
  remedy:
    "Send each answer to the stream of the session whose POST carried the request: keep the stream on the session object you look up by sessionId, and never write to a global or most-recent stream. Test it with two sessions at once.",
  profiles: "all",
  requires: ["post-request-accepted"],
  async run(ctx) {
    const [a, b] = await Promise.all([ctx.openSession({ initialize: true }), ctx.openSession({ initialize: true })]);
    const markB = b.messages.length;
    const onA = await a.request(rpcRequest("isolation-a", "tools/list"));
    if (!onA.message) return fail(`the request on A got no answer on A: ${describeAnswer(onA)}`, answerEvidence(ctx, a, onA));
    const onB = await b.request(rpcRequest("isolation-b", "ping"));
    if (!onB.message) return fail(`the ping on B got no answer: ${describeAnswer(onB)}`, answerEvidence(ctx, b, onB));
    // Only A's own answer proves a leak: B may legitimately get answers of its own (even wrong ones).
    const leaked = messagesBeforeAnswer(b, markB, "isolation-b").filter((m) =>
      messagesIn(m.value).some((v) => isResponse(v) && v.id === "isolation-a"),
    );
    if (leaked.length > 0) {
      return fail(`session B received the answer to A's request: ${leaked[0]?.event.data.slice(0, 200)}`, answerEvidence(ctx, b, onB));
    }
    return pass("A's answer came on A; B's first message was its own ping's answer");
  },
};
