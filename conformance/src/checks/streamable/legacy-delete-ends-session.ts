/**
 * DELETE with the session id ends the session (or is 405 where the server does not let clients
 * end sessions); once ended, a request naming it is 404.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#session-management
 */
import { MCP_HEADER } from "@mcp-contract/api-types";
import { fail, pass } from "../../check.js";
import { REF } from "../references.js";
import { legacyCheck } from "../../streamable/legacy-check.js";
import { describe, postLegacy } from "../../streamable/streamable-exchange.js";

export const legacyDeleteEndsSession = legacyCheck({
  id: "legacy-delete-ends-session",
  level: "MUST",
  title: "DELETE ends the session (or is 405); a request after it is 404",
  reference: REF.streamableSessions,
  failureMeans:
    "A client cannot end its session: DELETE is refused with an error, or accepted while the session goes on answering, so sessions pile up on the server and the client's logout means nothing.",
  remedy:
    "On DELETE with Mcp-Session-Id, end the session and answer 2xx (204 is usual), then answer 404 to every later request that names it; if clients may not end sessions, answer 405 Method Not Allowed.",
  transports: ["stateful"],
  requires: ["legacy-session-id-visible-ascii"],
  async run(ctx, opened) {
    const headers = { [MCP_HEADER.SESSION_ID]: opened.sessionId ?? "", [MCP_HEADER.PROTOCOL_VERSION]: opened.version };
    const deleted = await ctx.http({ method: "DELETE", url: ctx.sseUrl, headers });
    const status = deleted.response?.status;
    if (status === 405) return pass("DELETE is 405: this server does not let clients end sessions", ctx.evidence.exchange(deleted));
    if (status === undefined || status < 200 || status > 299) return fail(`DELETE got ${describe(deleted)}; want 2xx, or 405`, ctx.evidence.exchange(deleted));
    const after = await postLegacy(ctx, opened, { jsonrpc: "2.0", id: 13, method: "tools/list" });
    const evidence = ctx.evidence.exchange(after, [`DELETE got ${status}`]);
    return after.response?.status === 404 ? pass(`DELETE ${status}, then 404`, evidence) : fail(`after DELETE ${status}, the session still got ${describe(after)}, not 404`, evidence);
  },
});
