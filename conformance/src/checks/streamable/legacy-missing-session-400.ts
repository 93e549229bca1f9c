/**
 * A server that requires sessions answers a request without `Mcp-Session-Id` (other than
 * `initialize`) with 400 Bad Request.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#session-management
 */
import { fail, pass, type Check } from "../../check.js";
import { MCP_HEADER } from "@mcp-contract/api-types";
import { REF } from "../references.js";
import { describe, openLegacy, postLegacy } from "../../streamable/streamable-exchange.js";

export const legacyMissingSession400: Check = {
  id: "legacy-missing-session-400",
  group: "streamable",
  level: "SHOULD",
  title: "A request without Mcp-Session-Id to a server that requires sessions is 400",
  reference: REF.streamableSessions,
  profiles: "all",
  transports: ["stateful"],
  requires: ["legacy-session-id-visible-ascii"],
  async run(ctx) {
    const opened = await openLegacy(ctx);
    if ("problem" in opened) return fail(opened.problem, ctx.evidence.exchange(opened.exchange));
    const exchange = await postLegacy(ctx, opened, { jsonrpc: "2.0", id: 11, method: "tools/list" }, { [MCP_HEADER.SESSION_ID]: undefined });
    const evidence = ctx.evidence.exchange(exchange, ["tools/list without Mcp-Session-Id after a session was opened"]);
    return exchange.response?.status === 400 ? pass("400", evidence) : fail(`got ${describe(exchange)}, not 400`, evidence);
  },
};
