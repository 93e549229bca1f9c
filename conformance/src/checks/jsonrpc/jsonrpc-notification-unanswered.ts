/**
 * Notifications are never answered, not even an unknown one with -32601: checked for an unknown
 * notification and a known one, in the POST body and on the stream (up to a ping's answer).
 */
import { fail, pass, type Check } from "../../check.js";
import { rpcNotification, rpcRequest } from "../../protocol/messages.js";
import { responsesIn } from "../../session/session.js";
import { answerEvidence } from "../answer-evidence.js";
import { REF } from "../references.js";
import { messagesBeforeAnswer } from "../stray-messages.js";

export const jsonrpcNotificationUnanswered: Check = {
  id: "jsonrpc-notification-unanswered",
  group: "jsonrpc",
  level: "MUST",
  title: "Notifications (known and unknown) get no answer",
  reference: REF.jsonrpcNotification,
  failureMeans:
    "The server answers notifications (often with -32601 for one it does not know), so clients get messages with an id they never sent, or id null, which some treat as a protocol error and close the session.",
  remedy:
    "Tell a notification (a message with no id member) from a request before dispatching: run its handler if you have one, ignore it if you do not, and never send a response or an error for it. A notifications/cancelled for an id you do not know is simply ignored.",
  profiles: "all",
  requires: ["post-request-accepted"],
  async run(ctx) {
    const session = await ctx.openSession({ initialize: true });
    const mark = session.messages.length;
    for (const notification of [
      rpcNotification("notifications/mcp-contract/unknown"),
      rpcNotification("notifications/cancelled", { requestId: "never-sent", reason: "conformance probe" }),
    ]) {
      const sent = await session.post(notification);
      const inBody = responsesIn(sent.response?.body.toString("utf8") ?? "");
      if (inBody.length > 0) {
        return fail(`${notification.method} was answered in the POST body: ${JSON.stringify(inBody[0])}`, ctx.evidence.exchange(sent));
      }
    }
    const ping = await session.request(rpcRequest("after-notifications", "ping"));
    if (!ping.message) return fail(`the ping sent after the notifications got no answer: ${ping.problem}`, answerEvidence(ctx, session, ping));
    const stray = messagesBeforeAnswer(session, mark, "after-notifications");
    if (stray.length > 0) {
      return fail(`${stray.length} message(s) came back for notifications: ${stray[0]?.event.data.slice(0, 200)}`, answerEvidence(ctx, session, ping));
    }
    return pass("no answer to an unknown or a known notification");
  },
};
