/**
 * When credentials are given (--bearer, or a --header such as X-API-Key), a Streamable HTTP server
 * enforces them in each era it speaks. Modern (2026-07-28): server/discover without them or with a
 * wrong value is refused with 401 (or 403) and no result; with them it is answered. 2025:
 * `initialize` without them or with a wrong value is refused with no Mcp-Session-Id; with them a
 * session opens (DELETEd when the check ends), and a request of that session without them is
 * refused too. The credentials are varied as security-auth-enforced varies them on HTTP+SSE
 * (credential-variants.ts). On Spice's /v1/mcp, spice-mcp-api-key holds the stricter rule (401
 * with the exact body Spice documents), so this check leaves that profile to it.
 * @see https://modelcontextprotocol.io/specification/2025-06-18/basic/authorization#access-token-usage
 */
import { MCP_HEADER } from "@mcp-contract/api-types";
import { fail, pass, type Check, type Verdict } from "../../check.js";
import type { CheckContext } from "../../run/check-context.js";
import type { Exchange } from "../../wire/http-exchange.js";
import { REF } from "../references.js";
import { inEachEra, type EraChannel } from "../../streamable/era-probe.js";
import { describe, errorCodeOf, header, isObject, openLegacy, responseTo } from "../../streamable/streamable-exchange.js";
import { credentialVariants, withoutCredentials } from "../security/credential-variants.js";

const ID = 85;
/** The id openLegacy gives its `initialize`. */
const INITIALIZE_ID = 0;
/** 401 says the credentials are missing or wrong; 403 (refused for this client) is a refusal too. */
const REFUSALS = [401, 403];

export const streamableAuthEnforced: Check = {
  id: "streamable-auth-enforced",
  group: "streamable",
  level: "MUST",
  title:
    "Without the given credentials, or with a wrong value, a request is refused with 401 (or 403) and not answered, in each era (modern: server/discover; 2025: initialize opens no session, and a session's request needs them too); with them it is answered",
  reference: REF.authorization,
  failureMeans:
    "Anyone who can reach the server can list and call its tools without the token or key it was configured with; a wrong value that is accepted is no credential at all. A refusal sent as HTTP 200 with a JSON-RPC error looks like an answer to proxies, retry logic and MCP clients, which never learn they must authenticate.",
  remedy:
    "Authenticate every POST to the MCP endpoint before any MCP processing, in each era you serve (2026-07-28 requests, 2025 initialize and every request of a session): a missing or wrong token or key gets HTTP 401 (403 if the credential is valid but not allowed here), with WWW-Authenticate for bearer tokens, no result and no Mcp-Session-Id. Compare secrets in constant time (crypto.timingSafeEqual).",
  profiles: "all",
  transports: ["stateful", "stateless", "modern"],
  requires: [],
  skipUnless: (ctx) => {
    if (ctx.settings.credentialHeaders.length === 0) {
      return "no credentials given: pass --bearer <token> or --header 'X-API-Key: <key>' to check that they are enforced";
    }
    return ctx.profile === "spice"
      ? "Spice's /v1/mcp: spice-mcp-api-key checks its X-API-Key, holding the 401 and the body Spice documents (stricter than this check)"
      : undefined;
  },
  run: (ctx) => inEachEra(ctx, (channel) => (channel.era === "modern" ? modernProbe(ctx, channel) : legacyProbe(ctx, channel))),
};

/** server/discover without the credentials, with a wrong value, and with them. */
async function modernProbe(ctx: CheckContext, channel: EraChannel): Promise<Verdict> {
  const seen: string[] = [];
  let last: Exchange | undefined;
  for (const { label, headers, expected } of credentialVariants(ctx.settings)) {
    const sent = await channel.post({ jsonrpc: "2.0", id: ID, method: "server/discover" }, { runHeaders: headers });
    const evidence = ctx.evidence.exchange(sent, [...seen, `server/discover ${label}`]);
    const problem = expected === 200 ? answerProblem(sent, ID) : refusalProblem(sent, ID);
    if (problem) return fail(`server/discover ${label}: ${problem}`, evidence);
    seen.push(`server/discover ${label}: ${sent.response?.status}`);
    last = sent;
  }
  return pass("server/discover refused without and with wrong credentials, answered with them", last && ctx.evidence.exchange(last, seen));
}

/** initialize without the credentials, with a wrong value, and with them; then a request of the channel's session without them. */
async function legacyProbe(ctx: CheckContext, channel: EraChannel): Promise<Verdict> {
  const seen: string[] = [];
  for (const { label, headers, expected } of credentialVariants(ctx.settings)) {
    // A session opened by mistake is DELETEd (with the credentials) when the check ends, like any other.
    const opened = await openLegacy(ctx, {}, undefined, headers);
    const evidence = ctx.evidence.exchange(opened.exchange, [...seen, `initialize ${label}`]);
    if (expected === 200) {
      if ("problem" in opened) return fail(`initialize ${label}: ${opened.problem}`, evidence);
      seen.push(`initialize ${label}: ${opened.exchange.response?.status}${opened.sessionId === undefined ? "" : ", a session (deleted when the check ends)"}`);
      continue;
    }
    const sessionId = header(opened.exchange, MCP_HEADER.SESSION_ID);
    const problem = refusalProblem(opened.exchange, INITIALIZE_ID) ?? (sessionId === undefined ? undefined : `it assigned Mcp-Session-Id ${JSON.stringify(sessionId)}`);
    if (problem) return fail(`initialize ${label}: ${problem}`, evidence);
    seen.push(`initialize ${label}: ${opened.exchange.response?.status}`);
  }
  const sent = await channel.post({ jsonrpc: "2.0", id: ID, method: "tools/list" }, { runHeaders: withoutCredentials(ctx.settings) });
  const evidence = ctx.evidence.exchange(sent, [...seen, "tools/list in the session without credentials"]);
  const problem = refusalProblem(sent, ID);
  if (problem) return fail(`tools/list in a session opened with the credentials, sent without them: ${problem}`, evidence);
  return pass("initialize refused without and with wrong credentials (no session), a session with them; its requests need them too", evidence);
}

/** Why `exchange` is not a refusal (401/403 with no result for `id`), if it is not. */
function refusalProblem(exchange: Exchange, id: number): string | undefined {
  const status = exchange.response?.status;
  if (status === 200 && errorCodeOf(exchange, id) !== undefined) return `got 200 with a JSON-RPC error, not 401 (or 403): a refusal needs its HTTP status`;
  if (status === undefined || !REFUSALS.includes(status)) return `got ${describe(exchange)}, not 401 (or 403)`;
  return isObject(responseTo(exchange, id)?.["result"]) ? `the ${status} carries a result: the request was served` : undefined;
}

/** Why `exchange` is not an answer (200 with a result for `id`), if it is not. */
function answerProblem(exchange: Exchange, id: number): string | undefined {
  if (exchange.response?.status !== 200) return `got ${describe(exchange)}, not 200: the credentials given were not accepted`;
  return isObject(responseTo(exchange, id)?.["result"]) ? undefined : "no result for the request";
}
