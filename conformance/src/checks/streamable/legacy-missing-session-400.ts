/**
 * A server that requires sessions answers a request without `Mcp-Session-Id` (other than
 * `initialize`) with 400 Bad Request.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#session-management
 */
import { fail, pass } from "../../check.js";
import { MCP_HEADER } from "@mcp-contract/api-types";
import { REF } from "../references.js";
import { legacyCheck } from "../../streamable/legacy-check.js";
import { describe, postLegacy } from "../../streamable/streamable-exchange.js";

export const legacyMissingSession400 = legacyCheck({
  id: "legacy-missing-session-400",
  level: "SHOULD",
  title: "A request without Mcp-Session-Id to a server that requires sessions is 400",
  reference: REF.streamableSessions,
  failureMeans:
    "A client that lost its Mcp-Session-Id is served outside any session, or told something other than that its request is incomplete, so it cannot correct itself.",
  remedy:
    "When a request other than initialize arrives without Mcp-Session-Id at a server that requires sessions, answer 400 Bad Request with a JSON-RPC error body saying the header is missing.",
  transports: ["stateful"],
  // Spice answers 404 by design: spice-mcp-missing-session-404 holds it to that.
  profiles: ["generic", "opensearch", "celonis"],
  requires: ["legacy-session-id-visible-ascii"],
  async run(ctx, opened) {
    const exchange = await postLegacy(ctx, opened, { jsonrpc: "2.0", id: 11, method: "tools/list" }, { [MCP_HEADER.SESSION_ID]: undefined });
    const evidence = ctx.evidence.exchange(exchange, ["tools/list without Mcp-Session-Id after a session was opened"]);
    return exchange.response?.status === 400 ? pass("400", evidence) : fail(`got ${describe(exchange)}, not 400`, evidence);
  },
});
