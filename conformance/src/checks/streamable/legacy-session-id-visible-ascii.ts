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
  failureMeans:
    "The session id travels in the Mcp-Session-Id header of every later request; without one the stateful checks cannot run, and an id with spaces, control or non-ASCII characters is mangled or refused by HTTP stacks, so the client loses its session.",
  remedy:
    "Return Mcp-Session-Id on the InitializeResult's HTTP response, made only of visible ASCII (0x21 to 0x7E) and from a secure random source, e.g. crypto.randomUUID(). A server that needs no sessions should send none, and is then checked as stateless.",
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
