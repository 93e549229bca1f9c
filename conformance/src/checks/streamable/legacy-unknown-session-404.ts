/**
 * A request naming a session the server does not have (never made, expired, ended) is 404, which
 * tells the client to start a new session with `initialize`.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#session-management
 */
import { randomUUID } from "node:crypto";
import { fail, pass } from "../../check.js";
import { REF } from "../references.js";
import { legacyCheck } from "../../streamable/legacy-check.js";
import { describe, postLegacy } from "../../streamable/streamable-exchange.js";

export const legacyUnknownSession404 = legacyCheck({
  id: "legacy-unknown-session-404",
  level: "MUST",
  title: "A request with an unknown Mcp-Session-Id is 404",
  reference: REF.streamableSessions,
  failureMeans:
    "A client whose session has ended (a restart, an expiry) is not told so, and keeps sending requests that fail, instead of sending initialize again as the 404 would tell it to.",
  remedy:
    "Look up Mcp-Session-Id on every request; an id that names no live session (never issued, expired or ended) answers 404, so the client starts a new session with initialize.",
  transports: ["stateful"],
  requires: ["legacy-session-id-visible-ascii"],
  async run(ctx, opened) {
    const unknown = `mcp-contract-unknown-${randomUUID()}`;
    const exchange = await postLegacy(ctx, { sessionId: unknown, version: opened.version }, { jsonrpc: "2.0", id: 12, method: "tools/list" });
    const evidence = ctx.evidence.exchange(exchange);
    return exchange.response?.status === 404 ? pass("404", evidence) : fail(`session ${unknown} got ${describe(exchange)}, not 404`, evidence);
  },
});
