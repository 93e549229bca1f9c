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
  failureMeans:
    "SDK clients refuse an endpoint on another origin (the TypeScript client throws), so they never POST. An endpoint that points elsewhere is also how a hostile stream could send a client's messages to another host.",
  remedy:
    "Send a path (data: /messages?sessionId=…), or an absolute URL with the same scheme, host and port as the SSE URL. Behind a proxy, build it from the path the client used, not from the backend's own host name or port.",
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
