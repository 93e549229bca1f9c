/**
 * A client asking for a protocol revision the server does not support gets one the server does
 * support, never its own unknown revision echoed back (and not an error).
 */
import { fail, pass, type Check } from "../../check.js";
import { initializeRequest } from "../../protocol/messages.js";
import { answerEvidence, describeAnswer } from "../answer-evidence.js";
import { REF } from "../references.js";

const UNKNOWN_VERSION = "1999-01-01";

export const mcpVersionNegotiation: Check = {
  id: "mcp-version-negotiation",
  group: "mcp",
  level: "MUST",
  title: `initialize asking for ${UNKNOWN_VERSION} is answered with a version the server supports`,
  reference: REF.versionNegotiation,
  failureMeans:
    "A client from another revision is told the server speaks a revision it does not (the unknown version echoed back), or gets an error instead of an offer, so it cannot settle on a version both sides support.",
  remedy:
    "In initialize, answer with the requested protocolVersion when you support it; otherwise answer with the latest revision you do support (for example 2025-06-18), never with the unknown one and never with an error. The client then decides whether to go on.",
  profiles: "all",
  requires: ["mcp-initialize"],
  async run(ctx) {
    const session = await ctx.openSession();
    const answer = await session.request(initializeRequest("negotiate", UNKNOWN_VERSION));
    if (!answer.message || !("result" in answer.message)) {
      return fail(`initialize with ${UNKNOWN_VERSION}: expected a result with another version, got ${describeAnswer(answer)}`, answerEvidence(ctx, session, answer));
    }
    const version = answer.message.result["protocolVersion"];
    if (version === UNKNOWN_VERSION) return fail(`the server echoed the unknown version ${UNKNOWN_VERSION}`, answerEvidence(ctx, session, answer));
    if (typeof version !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(version)) {
      return fail(`protocolVersion ${JSON.stringify(version)} is not a protocol revision (YYYY-MM-DD)`, answerEvidence(ctx, session, answer));
    }
    return pass(`asked for ${UNKNOWN_VERSION}, offered ${version}`);
  },
};
