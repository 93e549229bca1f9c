/**
 * A POSTed notification is accepted with 202 (or 204) and nothing is sent back for it: not in the
 * POST body, and not on the stream (proved by a ping sent after it: its answer is the first message).
 */
import { fail, pass, type Check } from "../../check.js";
import { initializedNotification, initializeRequest, rpcRequest } from "../../protocol/messages.js";
import { responsesIn } from "../../session/session.js";
import { answerEvidence } from "../answer-evidence.js";
import { REF } from "../references.js";
import { messagesBeforeAnswer } from "../stray-messages.js";

export const postNotificationAccepted: Check = {
  id: "post-notification-accepted",
  group: "message-status",
  level: "MUST",
  title: "A POSTed notification (notifications/initialized) gets 202/204 and no answer",
  reference: REF.jsonrpcNotification,
  failureMeans:
    "Clients treat a non-2xx answer to notifications/initialized as an error and may drop the session; an answer sent for a notification is a message the client never asked for and cannot match to a request.",
  remedy:
    "Answer a POSTed notification (a message without an id) with 202 Accepted and an empty body, and send nothing for it on the stream: a notification never gets a JSON-RPC response, not even an error.",
  profiles: "all",
  requires: ["endpoint-resolves"],
  async run(ctx) {
    const session = await ctx.openSession();
    await session.request(initializeRequest("notification-init"));
    const mark = session.messages.length;
    const sent = await session.post(initializedNotification);
    const status = sent.response?.status;
    if (status === undefined) return fail(`POST: ${sent.error}`, ctx.evidence.exchange(sent));
    if (status !== 202 && status !== 204) {
      return fail(`a notification was answered ${status}, not 202 Accepted (or 204)`, ctx.evidence.exchange(sent));
    }
    const inBody = responsesIn(sent.response?.body.toString("utf8") ?? "");
    if (inBody.length > 0) return fail(`the POST body answered the notification: ${JSON.stringify(inBody[0])}`, ctx.evidence.exchange(sent));
    const ping = await session.request(rpcRequest("after-notification", "ping"));
    if (!ping.message) return fail(`the ping sent after the notification got no answer: ${ping.problem}`, answerEvidence(ctx, session, ping));
    const stray = messagesBeforeAnswer(session, mark, "after-notification");
    if (stray.length > 0) {
      return fail(`the server sent ${stray.length} message(s) for the notification: ${stray[0]?.event.data.slice(0, 200)}`, answerEvidence(ctx, session, ping));
    }
    return pass(`${status}, and nothing came back for the notification`);
  },
};
