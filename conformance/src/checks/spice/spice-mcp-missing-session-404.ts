/**
 * Spice's `/v1/mcp` (rmcp's stateful sessions) answers a request without `Mcp-Session-Id` with
 * 404, as it does an unknown or expired one: the spec's 400 is a SHOULD, and Spice documents 404.
 * @see ../../../../openapi/streamable.yaml (/v1/mcp)
 */
import { MCP_HEADER } from "@mcp-contract/api-types";
import { fail, pass } from "../../check.js";
import { REF } from "../references.js";
import { legacyCheck } from "../../streamable/legacy-check.js";
import { describe, postLegacy } from "../../streamable/streamable-exchange.js";

export const spiceMcpMissingSession404 = legacyCheck({
  id: "spice-mcp-missing-session-404",
  group: "spice",
  level: "MUST",
  title: "Spice /v1/mcp: a request without Mcp-Session-Id is 404, like an unknown session",
  reference: REF.spiceStreamable,
  failureMeans:
    "Spice's clients treat 404 as the signal to open a new session; another status for a request without Mcp-Session-Id leaves them retrying a request that can never succeed.",
  remedy:
    "On /v1/mcp, answer a request (other than initialize) that carries no Mcp-Session-Id with 404, exactly as you answer an unknown or expired id.",
  profiles: ["spice"],
  transports: ["stateful"],
  requires: ["legacy-session-id-visible-ascii"],
  async run(ctx, opened) {
    const exchange = await postLegacy(ctx, opened, { jsonrpc: "2.0", id: 81, method: "tools/list" }, { [MCP_HEADER.SESSION_ID]: undefined });
    const evidence = ctx.evidence.exchange(exchange, ["tools/list without Mcp-Session-Id after a session was opened"]);
    return exchange.response?.status === 404 ? pass("404", evidence) : fail(`got ${describe(exchange)}, not 404`, evidence);
  },
});
