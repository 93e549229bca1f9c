/**
 * Spice's `/v1/mcp` ends a session on DELETE with 204 No Content, and the id is 404 from then on.
 * @see ../../../../openapi/streamable.yaml (/v1/mcp)
 */
import { MCP_HEADER } from "@mcp-contract/api-types";
import { fail, pass } from "../../check.js";
import { REF } from "../references.js";
import { legacyCheck } from "../../streamable/legacy-check.js";
import { describe, postLegacy } from "../../streamable/streamable-exchange.js";

export const spiceMcpDelete204 = legacyCheck({
  id: "spice-mcp-delete-204",
  group: "spice",
  level: "MUST",
  title: "Spice /v1/mcp: DELETE ends the session with 204; the id is 404 after",
  reference: REF.spiceStreamable,
  failureMeans:
    "Clients cannot end sessions cleanly: the session stays open on the server (holding memory and streams) after the client has left, or the client sees an error for a normal shutdown.",
  remedy:
    "On /v1/mcp, answer DELETE with the session's Mcp-Session-Id with 204 No Content, drop the session and its streams, and answer 404 to every later request that names it.",
  profiles: ["spice"],
  transports: ["stateful"],
  requires: ["legacy-session-id-visible-ascii"],
  async run(ctx, opened) {
    const headers = { [MCP_HEADER.SESSION_ID]: opened.sessionId ?? "", [MCP_HEADER.PROTOCOL_VERSION]: opened.version };
    const deleted = await ctx.http({ method: "DELETE", url: ctx.sseUrl, headers });
    if (deleted.response?.status !== 204) return fail(`DELETE got ${describe(deleted)}, not 204`, ctx.evidence.exchange(deleted));
    const after = await postLegacy(ctx, opened, { jsonrpc: "2.0", id: 82, method: "tools/list" });
    const evidence = ctx.evidence.exchange(after, ["DELETE got 204"]);
    return after.response?.status === 404 ? pass("DELETE 204, then 404", evidence) : fail(`after DELETE 204 the session got ${describe(after)}, not 404`, evidence);
  },
});
