/** The stream's Cache-Control keeps proxies from storing or buffering it. */
import { fail, pass, type Check } from "../../check.js";
import { headerValue } from "../../wire/http-exchange.js";
import { REF } from "../references.js";

export const sseCacheControl: Check = {
  id: "sse-cache-control",
  group: "sse",
  level: "SHOULD",
  title: "The stream is sent with Cache-Control: no-cache (or no-store)",
  reference: REF.whatwgSseAuthoring,
  failureMeans:
    "A caching or buffering hop (a CDN, nginx, a corporate proxy) may hold the stream back or store it, so the endpoint event and the answers arrive late or never; a direct connection still works, which is why this is often found only in production.",
  remedy:
    "Send Cache-Control: no-cache (or no-store) in the stream's response head; behind nginx also send X-Accel-Buffering: no so it does not buffer the stream.",
  profiles: "all",
  requires: ["sse-response-headers"],
  async run(ctx) {
    const stream = ctx.openStream();
    if (!(await stream.waitForHeaders(ctx.timeoutMs, ctx.signal))) {
      return fail(`GET: ${stream.endedBy ?? `no answer in ${ctx.timeoutMs} ms`}`, ctx.evidence.stream(stream));
    }
    const value = headerValue(stream.headers, "cache-control");
    if (value && /\bno-(cache|store)\b/i.test(value)) return pass(`Cache-Control: ${value}`);
    return fail(
      `Cache-Control is ${value === undefined ? "missing" : JSON.stringify(value)}; without no-cache a proxy may store or buffer the stream`,
      ctx.evidence.stream(stream),
    );
  },
};
