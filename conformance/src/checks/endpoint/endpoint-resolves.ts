/**
 * The resolved endpoint is where the server takes POSTs. Flags the OpenSearch pitfall: the default
 * data `/sse/message?…` is meant to be appended to a base URI (Java clients), but resolved as a URL
 * (TypeScript, Python) it lands at the origin's root.
 */
import { fail, pass, type Check } from "../../check.js";
import { rpcRequest } from "../../protocol/messages.js";
import { REF } from "../references.js";

export const endpointResolves: Check = {
  id: "endpoint-resolves",
  group: "endpoint",
  level: "MUST",
  title: "A POST to the resolved endpoint URL reaches the server's message handler (not 404/405)",
  reference: REF.opensearchSessionSeed,
  failureMeans:
    "Clients POST to the URL they resolve from the endpoint event and get 404 or 405, so nothing after the stream works, not even initialize. The known case is OpenSearch: its default data /sse/message?… is meant to be appended to a base URL (Java clients), but MCP clients resolve it as a URL and it lands at the origin's root.",
  remedy:
    "Send endpoint data that resolves, as new URL(data, sseUrl), to the route that takes POSTs: an absolute path that includes any mount prefix (for example /_plugins/_ml/mcp/sse/message?sessionId=…). On OpenSearch, open the stream with ?append_to_base_url=true, or also serve POST /sse/message.",
  profiles: "all",
  requires: ["endpoint-same-origin"],
  async run(ctx) {
    const session = await ctx.openSession();
    const sent = await session.post(rpcRequest("endpoint-resolves", "ping"));
    const status = sent.response?.status;
    if (status === undefined) return fail(`POST ${session.endpointUrl.pathname}: ${sent.error}`, ctx.evidence.exchange(sent));
    if (status !== 404 && status !== 405) return pass(`POST ${session.endpointUrl.pathname} answered ${status}`);
    const data = session.endpoint.data;
    if (data.startsWith("/sse/message")) {
      return fail(
        `POST ${session.endpointUrl.href} answered ${status}: the OpenSearch relative-path pitfall. The endpoint data ` +
          `${JSON.stringify(data)} is written for Java clients that append it to <base>/_plugins/_ml/mcp; MCP clients ` +
          `resolve it as a URL, which lands at the origin's root. Open the stream with ?append_to_base_url=true ` +
          `(data becomes /_plugins/_ml/mcp/sse/message?…) or serve POST /sse/message.`,
        ctx.evidence.exchange(sent),
      );
    }
    return fail(`POST ${session.endpointUrl.href} answered ${status}: the endpoint event points where the server takes no messages`, ctx.evidence.exchange(sent));
  },
};
