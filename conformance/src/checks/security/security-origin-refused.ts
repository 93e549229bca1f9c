/**
 * A request from a foreign Origin is refused with 403, on the stream and on the message endpoint.
 * Browsers send Origin; refusing unknown ones stops DNS-rebinding attacks on local servers.
 */
import { fail, pass, type Check } from "../../check.js";
import { rpcRequest } from "../../protocol/messages.js";
import { REF } from "../references.js";

export const FOREIGN_ORIGIN = "http://evil.example";

export const securityOriginRefused: Check = {
  id: "security-origin-refused",
  group: "security",
  level: "MUST",
  title: `GET and POST with Origin: ${FOREIGN_ORIGIN} are refused with 403`,
  reference: REF.originSecurity,
  failureMeans:
    "A web page the user visits can reach a server on their machine or network through DNS rebinding, and drive it (list and call tools) with the user's access, because the server does not look at Origin.",
  remedy:
    "Check the Origin header on every request, GET and POST: when it is present and not in your allow-list (e.g. http://localhost:<port> and your own web client's origin), answer 403 before doing anything else. Requests without Origin (non-browser clients) pass. Also bind local servers to 127.0.0.1, not 0.0.0.0.",
  profiles: "all",
  requires: ["endpoint-resolves"],
  async run(ctx) {
    const stream = ctx.openStream({ headers: { ...ctx.settings.headers, origin: FOREIGN_ORIGIN } });
    if (!(await stream.waitForHeaders(ctx.timeoutMs, ctx.signal))) {
      return fail(`GET with a foreign Origin: ${stream.endedBy ?? `no answer in ${ctx.timeoutMs} ms`}`, ctx.evidence.stream(stream));
    }
    if (stream.status !== 403) {
      return fail(`GET with Origin ${FOREIGN_ORIGIN} answered ${stream.status}, not 403: the server does not validate Origin`, ctx.evidence.stream(stream));
    }
    stream.close();
    const session = await ctx.openSession();
    const sent = await session.post(rpcRequest("foreign-origin", "ping"), { headers: { origin: FOREIGN_ORIGIN } });
    const status = sent.response?.status;
    if (status !== 403) {
      return fail(`POST with Origin ${FOREIGN_ORIGIN} answered ${status ?? sent.error}, not 403`, ctx.evidence.exchange(sent));
    }
    return pass("403 for GET and POST");
  },
};
