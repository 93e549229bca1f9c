/** An idle stream still carries something (a comment) now and then, so idle proxies keep it open. */
import { fail, pass, type Check } from "../../check.js";
import { REF } from "../references.js";

export const sseKeepalive: Check = {
  id: "sse-keepalive",
  group: "sse",
  level: "SHOULD",
  title: "An idle stream sends a keep-alive comment (or an event) within --keepalive-wait",
  reference: REF.whatwgSseAuthoring,
  failureMeans:
    "Proxies and load balancers close an idle connection (often after 30 to 120 s), so a quiet session drops and the client has to open a new one, losing the session's state.",
  remedy:
    "While a stream is open, send a comment line (: keep-alive, then a blank line) more often than the shortest idle timeout on the path (every 15 s is common), and stop the timer when the stream closes. Run the check with --keepalive-wait longer than your interval.",
  profiles: "all",
  requires: ["sse-endpoint-first"],
  skipUnless: (ctx) =>
    ctx.settings.keepaliveWaitMs === undefined
      ? "keep-alives are only checked with --keepalive-wait <ms> (longer than the server's keep-alive interval, e.g. 20000 for 15 s)"
      : undefined,
  async run(ctx) {
    const wait = ctx.settings.keepaliveWaitMs ?? 0;
    const stream = ctx.openStream();
    const endpoint = await stream.waitForEvent((e) => e.event === "endpoint", ctx.timeoutMs, { signal: ctx.signal });
    if (!endpoint) return fail(`no endpoint event in ${ctx.timeoutMs} ms`, ctx.evidence.stream(stream));
    const since = { events: stream.events.length, comments: stream.comments.length };
    if (await stream.waitForActivity(since, wait, ctx.signal)) {
      const comment = stream.comments[since.comments];
      return pass(comment ? `comment ":${comment.text}" after ${comment.at - endpoint.at} ms idle` : "an event arrived while idle");
    }
    const why = stream.ended ? `the stream ended (${stream.endedBy})` : `nothing arrived in ${wait} ms of idle`;
    return fail(`${why}; send a comment line (": keep-alive") periodically so idle proxies keep the stream`, ctx.evidence.stream(stream));
  },
};
