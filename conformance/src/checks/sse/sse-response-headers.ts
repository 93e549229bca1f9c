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
  failureMeans:
    "No client can open a session: SSE readers (EventSource, the SDK clients) refuse a stream that is not 200 text/event-stream, so every later step fails. The usual causes are a route that is not the SSE handler (a 404 page, a login redirect) or a framework that sets Content-Type after the first write.",
  remedy:
    "Answer GET on the SSE path with status 200 and Content-Type: text/event-stream in the response head, before the first byte of the body (in Node: res.writeHead(200, { \"content-type\": \"text/event-stream\", \"cache-control\": \"no-cache\" })). Give wrong paths and refused credentials their own 4xx instead of an HTML page.",
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
