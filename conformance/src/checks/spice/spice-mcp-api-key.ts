/**
 * Spice's `/v1/mcp` takes `X-API-Key` when the runtime has API keys: a POST without the key, or
 * with a wrong one, is 401 with the contract's Unauthorized body (a TransportError with reason
 * `unauthorized`), and with the key it is served. Probed in each era the endpoint speaks: a
 * 2026-07-28 request (no session to lean on) and a request inside a 2025 session opened with the
 * key (a session's requests need it too, not only `initialize`). The credentials are varied
 * exactly as security-auth-enforced varies them on HTTP+SSE (credential-variants.ts).
 * @see ../../../../openapi/streamable.yaml (/v1/mcp, components.responses.Unauthorized)
 */
import { validateAgainst } from "@mcp-contract/api-types";
import { fail, pass, type Check, type Verdict } from "../../check.js";
import type { CheckContext } from "../../run/check-context.js";
import type { Exchange } from "../../wire/http-exchange.js";
import { REF } from "../references.js";
import { inEachEra, type EraChannel } from "../../streamable/era-probe.js";
import { describe, isObject, mediaType, responseTo } from "../../streamable/streamable-exchange.js";
import { credentialVariants } from "../security/credential-variants.js";

const API_KEY_HEADER = "x-api-key";
const ID = 84;

export const spiceMcpApiKey: Check = {
  id: "spice-mcp-api-key",
  group: "spice",
  level: "MUST",
  title: "Spice /v1/mcp: a POST without its X-API-Key, or with a wrong one, is 401 with a TransportError (reason unauthorized); with the key it is answered",
  reference: REF.spiceApiKey,
  failureMeans:
    "Anyone who can reach the Spice runtime's /v1/mcp can call its tools, and read the data behind them, without the API key the runtime was configured with; a wrong key that is accepted is no key at all. A 401 without the JSON-RPC error body leaves MCP clients with a failure they cannot read.",
  remedy:
    'When the runtime has API keys, check X-API-Key on every POST to /v1/mcp before any MCP processing, in both eras (initialize, the requests of a session, 2026-07-28 requests): a missing or wrong key gets 401 with the body {"jsonrpc":"2.0","id":null,"error":{"code":-32000,"message":"Unauthorized: …","data":{"reason":"unauthorized"}}}. Compare keys in constant time (crypto.timingSafeEqual).',
  profiles: ["spice"],
  transports: ["stateful", "stateless", "modern"],
  requires: [],
  skipUnless: (ctx) =>
    ctx.settings.credentialHeaders.includes(API_KEY_HEADER)
      ? undefined
      : "no API key given: pass --header 'X-API-Key: <key>' (a key the Spice runtime is configured with) to check that /v1/mcp enforces it",
  run: (ctx) => inEachEra(ctx, (channel) => apiKeyProbe(ctx, channel)),
};

/** The era's ordinary request, sent without the key, with a wrong one, and with it. */
async function apiKeyProbe(ctx: CheckContext, channel: EraChannel): Promise<Verdict> {
  const method = channel.era === "modern" ? "server/discover" : "tools/list";
  const seen: string[] = [];
  let last: Exchange | undefined;
  for (const { label, headers, expected } of credentialVariants(ctx.settings)) {
    const sent = await channel.post({ jsonrpc: "2.0", id: ID, method }, { runHeaders: headers });
    const evidence = ctx.evidence.exchange(sent, [...seen, `${method} ${label}`]);
    if (sent.response?.status !== expected) return fail(`${method} ${label} got ${describe(sent)}, not ${expected}`, evidence);
    const problem = expected === 401 ? unauthorizedBodyProblem(sent) : isObject(responseTo(sent, ID)?.["result"]) ? undefined : "no result for the request";
    if (problem) return fail(`${method} ${label}: ${problem}`, evidence);
    seen.push(`${method} ${label}: ${sent.response.status}`);
    last = sent;
  }
  return pass(`${method}: 401 (reason unauthorized) without and with a wrong key, answered with it`, last && ctx.evidence.exchange(last, seen));
}

/** Why a 401's body is not the contract's Unauthorized TransportError, if it is not. */
function unauthorizedBodyProblem(exchange: Exchange): string | undefined {
  if (mediaType(exchange) !== "application/json") return `the 401 is ${describe(exchange)}, not a JSON TransportError`;
  let body: unknown;
  try {
    body = JSON.parse(exchange.response?.body.toString("utf8") ?? "");
  } catch {
    return "the 401's body is not JSON";
  }
  const valid = validateAgainst("streamable", "TransportError", body);
  if (!valid.ok) return `the 401's body is not a TransportError: ${valid.message}`;
  const reason = ((body as { error: { data: { reason: unknown } } }).error.data).reason;
  return reason === "unauthorized" ? undefined : `the 401's error.data.reason is ${JSON.stringify(reason)}, not "unauthorized"`;
}
