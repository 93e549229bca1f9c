/** GET on the SSE URL opens an event stream: 200 with Content-Type text/event-stream. */
import { fail, pass, type Check } from "../../check.js";
import { headerValue } from "../../wire/http-exchange.js";
import { REF } from "../references.js";

export const sseResponseHeaders: Check = {
  id: "sse-response-headers",
  group: "sse",
  level: "MUST",
  title: "GET on the SSE URL answers 200 with Content-Type text/event-stream",
  reference: REF.sseTransport,
  profiles: "all",
  requires: [],
  async run(ctx) {
    const stream = ctx.openStream();
    if (!(await stream.waitForHeaders(ctx.timeoutMs, ctx.signal))) {
      return fail(`GET ${ctx.sseUrl.pathname}: ${stream.endedBy ?? `no answer in ${ctx.timeoutMs} ms`}`, ctx.evidence.stream(stream));
    }
    const type = headerValue(stream.headers, "content-type");
    if (stream.status !== 200 || !type?.toLowerCase().startsWith("text/event-stream")) {
      return fail(
        `GET answered ${stream.status} with Content-Type ${type ?? "(none)"}; an SSE stream is 200 text/event-stream`,
        ctx.evidence.stream(stream),
      );
    }
    return pass(`200 ${type} after ${stream.headersAt} ms`);
  },
};
