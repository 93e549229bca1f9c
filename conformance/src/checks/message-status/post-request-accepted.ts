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
  failureMeans:
    "Clients see every request refused or never answered, so initialize, tools/list and every tool call fail. In the Spice and OpenSearch dialects the answer must come on the stream; in the Celonis dialect it must be in the POST's own 200 body.",
  remedy:
    "Accept a valid JSON-RPC request on the endpoint with 202 Accepted (Spice, OpenSearch; any 2xx on a generic server) and write its response as a message event on that session's stream. For the Celonis dialect, answer 200 with the JSON-RPC response as the body. Answer ping with the empty result {}.",
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
