/**
 * The endpoint event is flushed with the response head, not held in a buffer (by compression
 * middleware or a proxy) until more output arrives; a client waits on it before it can do anything.
 */
import { fail, pass, type Check } from "../../check.js";
import { REF } from "../references.js";

/** How long after the response head the endpoint event may take. */
export const ENDPOINT_PROMPT_MS = 1000;

export const sseEndpointPrompt: Check = {
  id: "sse-endpoint-prompt",
  group: "sse",
  level: "MUST",
  title: `The endpoint event arrives within ${ENDPOINT_PROMPT_MS} ms of the response head`,
  reference: REF.sseTransport,
  failureMeans:
    "Every connect stalls for as long as the endpoint event is held back (often until a buffer fills or a keep-alive pushes it out), and clients with a short connect timeout give up. The usual cause is compression middleware or a proxy buffering the small first write.",
  remedy:
    "Flush the endpoint event as soon as it is written: call res.flushHeaders() and write the event right away, leave text/event-stream out of compression middleware (compression waits for more bytes), and send X-Accel-Buffering: no behind nginx.",
  profiles: "all",
  requires: ["sse-endpoint-first"],
  async run(ctx) {
    const stream = ctx.openStream();
    await stream.waitForHeaders(ctx.timeoutMs, ctx.signal);
    const endpoint = await stream.waitForEvent((e) => e.event === "endpoint", ctx.timeoutMs, { signal: ctx.signal });
    const headersAt = stream.headersAt ?? 0;
    if (!endpoint) {
      return fail(`no endpoint event in ${ctx.timeoutMs} ms after the response head (held in a buffer?)`, ctx.evidence.stream(stream));
    }
    const lag = endpoint.at - headersAt;
    if (lag > ENDPOINT_PROMPT_MS) {
      return fail(`the endpoint event came ${lag} ms after the response head (limit ${ENDPOINT_PROMPT_MS} ms): flush it at once`, ctx.evidence.stream(stream));
    }
    return pass(`endpoint event ${lag} ms after the response head`);
  },
};
