/**
 * With `?append_to_base_url=true` the OpenSearch stream's endpoint carries the full message path,
 * `<sse path>/message?sessionId=…`, for clients that resolve it as a URL (TypeScript, Python).
 */
import { fail, pass, type Check } from "../../check.js";
import { REF } from "../references.js";

export const opensearchAppendToBaseUrl: Check = {
  id: "opensearch-append-to-base-url",
  group: "opensearch",
  level: "MUST",
  title: "?append_to_base_url=true makes the endpoint data /_plugins/_ml/mcp/sse/message?sessionId=…",
  reference: REF.opensearchSessionSeed,
  failureMeans:
    "TypeScript and Python clients resolve the endpoint data as a URL; without the full message path their POSTs land at the origin's root and fail with 404, which is why OpenSearch offers append_to_base_url=true.",
  remedy:
    "When the stream is opened with ?append_to_base_url=true, send the endpoint data as the SSE path plus /message and the session, e.g. /_plugins/_ml/mcp/sse/message?sessionId=<id>.",
  profiles: ["opensearch"],
  requires: ["sse-endpoint-first"],
  async run(ctx) {
    const url = new URL(ctx.sseUrl);
    url.searchParams.set("append_to_base_url", "true");
    const opened = await ctx.tryOpenSession({ url });
    if (!("session" in opened)) return fail(opened.problem, ctx.evidence.stream(opened.stream));
    const data = opened.session.endpoint.data;
    const expected = `${url.pathname.replace(/\/+$/, "")}/message`;
    const resolved = opened.session.endpointUrl;
    if (!data.startsWith(`${expected}?`) || !resolved.searchParams.get("sessionId")) {
      return fail(`with append_to_base_url=true the endpoint data is ${JSON.stringify(data)}, not ${expected}?sessionId=…`, ctx.evidence.stream(opened.session.stream));
    }
    return pass(`endpoint ${data}`);
  },
};
