/**
 * A session id holds only visible ASCII (0x21 to 0x7E): it travels in a header on every request.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#session-management
 */
import { fail, pass, type Check } from "../../check.js";
import { REF } from "../references.js";
import { openLegacy } from "../../streamable/streamable-exchange.js";

export const legacySessionIdVisibleAscii: Check = {
  id: "legacy-session-id-visible-ascii",
  group: "streamable",
  level: "MUST",
  title: "initialize assigns an Mcp-Session-Id of visible ASCII only",
  reference: REF.streamableSessions,
  profiles: "all",
  transports: ["stateful"],
  requires: [],
  async run(ctx) {
    const opened = await openLegacy(ctx);
    const evidence = ctx.evidence.exchange(opened.exchange);
    if ("problem" in opened) return fail(opened.problem, evidence);
    if (opened.sessionId === undefined) return fail("initialize assigned no Mcp-Session-Id", evidence);
    return /^[\x21-\x7E]+$/.test(opened.sessionId)
      ? pass(`Mcp-Session-Id ${opened.sessionId}`, evidence)
      : fail(`Mcp-Session-Id ${JSON.stringify(opened.sessionId)} has characters outside 0x21-0x7E`, evidence);
  },
};
