/** A POSTed request is accepted, and its answer arrives (on the stream, or in the body for Celonis). */
import { fail, pass, type Check } from "../../check.js";
import { rpcRequest } from "../../protocol/messages.js";
import { answerEvidence } from "../answer-evidence.js";
import { REF } from "../references.js";
import { acceptsRequestStatus } from "./accepted-status.js";

export const postRequestAccepted: Check = {
  id: "post-request-accepted",
  group: "message-status",
  level: "MUST",
  title: "A POSTed ping is accepted (202; Celonis 200 with the answer) and its answer arrives",
  reference: REF.spiceSeed,
  profiles: "all",
  requires: ["endpoint-resolves"],
  async run(ctx) {
    const session = await ctx.openSession();
    const answer = await session.request(rpcRequest("accepted-ping", "ping"));
    const status = answer.exchange.response?.status;
    if (status === undefined) return fail(`POST: ${answer.exchange.error}`, answerEvidence(ctx, session, answer));
    const wrongStatus = acceptsRequestStatus(ctx.profile, status, answer.via === "post-body");
    if (wrongStatus) return fail(wrongStatus, answerEvidence(ctx, session, answer));
    if (!answer.message) return fail(`POST answered ${status} but ${answer.problem}`, answerEvidence(ctx, session, answer));
    return pass(`POST answered ${status}; the answer came ${answer.via === "post-body" ? "in the POST body" : "on the stream"}`);
  },
};
