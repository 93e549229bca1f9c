/** The Celonis asset endpoint answers a POSTed tools/list synchronously: 200 with the JSON-RPC response, no session needed. */
import { fail, pass, type Check } from "../../check.js";
import { rpcRequest } from "../../protocol/messages.js";
import { responsesIn } from "../../session/session.js";
import { REF } from "../references.js";

export const celonisSyncAnswer: Check = {
  id: "celonis-sync-answer",
  group: "celonis",
  level: "MUST",
  title: "POST tools/list to the asset URL answers 200 with the JSON-RPC response",
  reference: REF.celonisSeed,
  failureMeans:
    "Clients of the Celonis dialect expect the JSON-RPC response in the POST's own answer; a server that answers 202 and streams it, or answers another status, leaves them with nothing to read.",
  remedy:
    "On the asset URL, answer a POSTed JSON-RPC request with 200, Content-Type: application/json and the JSON-RPC response as the body, with no session needed.",
  profiles: ["celonis"],
  requires: ["sse-response-headers"],
  async run(ctx) {
    const sent = await ctx.http({
      method: "POST",
      url: ctx.sseUrl,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(rpcRequest("celonis-sync", "tools/list", {})),
    });
    const status = sent.response?.status;
    if (status === undefined) return fail(`POST ${ctx.sseUrl.pathname}: ${sent.error}`, ctx.evidence.exchange(sent));
    const answer = responsesIn(sent.response?.body.toString("utf8") ?? "").find((r) => r.id === "celonis-sync");
    if (status !== 200 || !answer) {
      return fail(`POST tools/list answered ${status}${answer ? "" : " without the JSON-RPC response in the body"}; Celonis answers 200 with it`, ctx.evidence.exchange(sent));
    }
    if (!("result" in answer)) return fail(`tools/list was answered with an error: ${JSON.stringify(answer.error)}`, ctx.evidence.exchange(sent));
    return pass("200 with the tools/list result in the body");
  },
};
