/** The first event on a new stream is `endpoint`, telling the client where to POST. */
import { fail, pass, type Check } from "../../check.js";
import { REF } from "../references.js";

export const sseEndpointFirst: Check = {
  id: "sse-endpoint-first",
  group: "sse",
  level: "MUST",
  title: "The first event on the stream is `endpoint`, with the POST URL as data",
  reference: REF.sseTransport,
  failureMeans:
    "The client never learns where to POST: an HTTP+SSE client waits for the endpoint event before it sends initialize, so the connection hangs until the client gives up.",
  remedy:
    "Write the endpoint event as the very first event of every new stream, before any message event: event: endpoint, then data: <POST path>?sessionId=<id>, then a blank line. Its data must not be empty. Comment lines before it are fine.",
  profiles: "all",
  requires: ["sse-response-headers"],
  async run(ctx) {
    const stream = ctx.openStream();
    const first = await stream.waitForEvent(() => true, ctx.timeoutMs, { signal: ctx.signal });
    if (!first) {
      const why = stream.ended ? `the stream ended (${stream.endedBy})` : `no answer in ${ctx.timeoutMs} ms`;
      return fail(`no event arrived: ${why}`, ctx.evidence.stream(stream));
    }
    if (first.event !== "endpoint") {
      return fail(`the first event is "${first.event}", not "endpoint"`, ctx.evidence.stream(stream));
    }
    if (first.data.trim() === "") return fail("the endpoint event's data is empty", ctx.evidence.stream(stream));
    return pass(`endpoint ${first.data}`);
  },
};
