/** A body sent as text/plain is refused (415, or 400), never accepted as if it were JSON. */
import { fail, pass, type Check } from "../../check.js";
import { rpcRequest } from "../../protocol/messages.js";
import { REF } from "../references.js";

export const postContentType: Check = {
  id: "post-content-type",
  group: "message-status",
  level: "SHOULD",
  title: "A POST with Content-Type text/plain gets 415 (or 400), never 2xx",
  reference: REF.contractMessage,
  failureMeans:
    "The server parses whatever it is sent as JSON. A text/plain POST needs no CORS preflight, so a web page in the user's browser can drive a local server this way; a client sending the wrong type is not told so either.",
  remedy:
    "Check the media type of Content-Type before parsing: accept application/json (with parameters such as charset=utf-8) and answer anything else with 415 Unsupported Media Type and a JSON-RPC error body (error code -32000, data {\"reason\":\"unsupported_media_type\"}, a message saying to send Content-Type: application/json).",
  profiles: "all",
  requires: ["endpoint-resolves"],
  async run(ctx) {
    const session = await ctx.openSession();
    const sent = await session.post(JSON.stringify(rpcRequest("content-type-probe", "ping")), { contentType: "text/plain" });
    const status = sent.response?.status;
    if (status === undefined) return fail(`POST: ${sent.error}`, ctx.evidence.exchange(sent));
    if (status === 415 || status === 400) return pass(`${status} for text/plain`);
    return fail(`a text/plain body was answered ${status}; expected 415 Unsupported Media Type (or 400)`, ctx.evidence.exchange(sent));
  },
};
