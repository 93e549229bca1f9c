/**
 * The endpoint resolves, the way MCP clients resolve it (`new URL(data, sseUrl)`), to the SSE URL's
 * origin. The TypeScript SDK client refuses any other origin, and a runner must not be sent to
 * POST somewhere else.
 */
import { fail, pass, type Check } from "../../check.js";
import { REF } from "../references.js";

export const endpointSameOrigin: Check = {
  id: "endpoint-same-origin",
  group: "endpoint",
  level: "MUST",
  title: "new URL(endpoint data, SSE URL) has the SSE URL's origin",
  reference: REF.sseTransport,
  profiles: "all",
  requires: ["sse-endpoint-first"],
  async run(ctx) {
    const opened = await ctx.tryOpenSession();
    if (!("session" in opened)) return fail(opened.problem, ctx.evidence.stream(opened.stream));
    const resolved = opened.session.endpointUrl;
    if (resolved.origin !== ctx.sseUrl.origin) {
      return fail(
        `the endpoint ${JSON.stringify(opened.session.endpoint.data)} resolves to origin ${resolved.origin}, not ${ctx.sseUrl.origin}`,
        ctx.evidence.stream(opened.session.stream),
      );
    }
    return pass(`resolves to ${resolved.pathname}${resolved.search ? "?…" : ""} on ${resolved.origin}`);
  },
};
