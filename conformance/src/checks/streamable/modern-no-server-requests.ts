/**
 * On a modern (2026-07-28) SSE response stream the server sends notifications about the request
 * and its response, never a request of its own: sampling, elicitation and roots travel inside an
 * InputRequiredResult instead. A server that never streams an answer is skipped.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http
 */
import { fail, pass, skip, type Check } from "../../check.js";
import { REF } from "../references.js";
import { modernChannel, streamedAnswer } from "../../streamable/era-probe.js";
import { STREAM_ASKED } from "../../streamable/legacy-streams.js";
import { isObject, messagesOf } from "../../streamable/streamable-exchange.js";

export const modernNoServerRequests: Check = {
  id: "modern-no-server-requests",
  group: "modern",
  level: "MUST",
  title: "A modern SSE answer carries no request from the server",
  reference: REF.streamableSseAnswers,
  failureMeans:
    "2026-07-28 clients do not answer requests from the server on a response stream: a sampling, elicitation or roots request sent there is never answered, and the original request stalls.",
  remedy:
    "On a modern response stream send only notifications related to the request and then its response. When you need input from the client, return an InputRequiredResult (resultType: \"input_required\") instead of sending a request.",
  profiles: "all",
  transports: ["modern"],
  requires: [],
  async run(ctx) {
      const exchange = await streamedAnswer(modernChannel(ctx), { jsonrpc: "2.0", id: 75, method: "tools/list" });
      if (!exchange) return skip("the server answered tools/list in JSON even when asked for a stream: no SSE answer to read");
      const evidence = ctx.evidence.exchange(exchange, [STREAM_ASKED]);
      const messages = messagesOf(exchange).flatMap((m) => (Array.isArray(m) ? m : [m]));
      const request = messages.find((m) => isObject(m) && typeof m["method"] === "string" && "id" in m);
      if (isObject(request)) return fail(`the stream carries a request from the server: ${String(request["method"])} (id ${JSON.stringify(request["id"])})`, evidence);
      return pass(`${messages.length} message(s) on the stream, none a request`, evidence);
  },
};
