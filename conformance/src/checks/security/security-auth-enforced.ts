/**
 * When credentials are given (--bearer, or a --header such as X-API-Key or Authorization), the
 * server enforces them: without them 401, with a wrong value 401, with them 200; and a session's
 * POSTs need them too. HTTP+SSE only (the GET that opens the stream comes first); on Streamable
 * HTTP, streamable-auth-enforced (and on Spice's `/v1/mcp`, spice-mcp-api-key) varies the
 * credentials the same way.
 */
import { fail, pass, type Check } from "../../check.js";
import type { Evidence } from "../../report/model.js";
import { rpcRequest } from "../../protocol/messages.js";
import { REF } from "../references.js";
import { credentialVariants, withoutCredentials } from "./credential-variants.js";

export const securityAuthEnforced: Check = {
  id: "security-auth-enforced",
  group: "security",
  level: "MUST",
  title: "Without credentials, or with wrong ones, the server answers 401; with them, 200",
  reference: REF.authorization,
  failureMeans:
    "Anyone who can reach the server can use it, or (if only the GET is guarded) can POST into a session without credentials; wrong credentials that are accepted are no credentials at all.",
  remedy:
    "Authenticate every request, the GET that opens the stream and every POST to the endpoint: a missing or wrong token or key gets 401 (with WWW-Authenticate for bearer tokens) before any MCP processing; compare secrets in constant time (crypto.timingSafeEqual).",
  profiles: "all",
  requires: ["sse-response-headers"],
  skipUnless: (ctx) =>
    ctx.settings.credentialHeaders.length === 0
      ? "no credentials given: pass --bearer <token> or --header 'X-API-Key: <key>' to check that they are enforced"
      : undefined,
  async run(ctx) {
    for (const { label, headers, expected } of credentialVariants(ctx.settings)) {
      const stream = ctx.openStream({ headers });
      const answered = await stream.waitForHeaders(ctx.timeoutMs, ctx.signal);
      const evidence: Evidence = ctx.evidence.stream(stream);
      stream.close();
      if (!answered) return fail(`GET ${label}: ${stream.endedBy ?? `no answer in ${ctx.timeoutMs} ms`}`, evidence);
      if (stream.status !== expected) return fail(`GET ${label} answered ${stream.status}, not ${expected}`, evidence);
    }
    const session = await ctx.openSession();
    const sent = await session.post(rpcRequest("auth-post", "ping"), { replaceHeaders: withoutCredentials(ctx.settings) });
    if (sent.response?.status !== 401) {
      return fail(`a POST to an open session without credentials answered ${sent.response?.status ?? sent.error}, not 401`, ctx.evidence.exchange(sent));
    }
    return pass("401 without and with wrong credentials, 200 with them; POSTs need them too");
  },
};
