/** initialize is answered with a result that has protocolVersion, capabilities and serverInfo. */
import { validateAgainst } from "@mcp-contract/api-types";
import { fail, pass, type Check } from "../../check.js";
import { initializedNotification, initializeRequest } from "../../protocol/messages.js";
import { answerEvidence, describeAnswer } from "../answer-evidence.js";
import { REF } from "../references.js";

export const mcpInitialize: Check = {
  id: "mcp-initialize",
  group: "mcp",
  level: "MUST",
  title: "initialize returns an InitializeResult (protocolVersion, capabilities, serverInfo)",
  reference: REF.lifecycleInit,
  failureMeans:
    "No 2025-era client can start: initialize is the first request it sends, and without a valid InitializeResult (protocolVersion, capabilities, serverInfo with name and version) it gives up.",
  remedy:
    "Answer initialize with {protocolVersion: <a revision you support>, capabilities: {…what you offer, e.g. tools: {}}, serverInfo: {name, version}}, and check the result against the schema of the revision you answer with.",
  profiles: "all",
  requires: ["post-request-accepted"],
  async run(ctx) {
    const session = await ctx.openSession();
    const answer = await session.request(initializeRequest("initialize"));
    if (!answer.message || !("result" in answer.message)) {
      return fail(`initialize: ${describeAnswer(answer)}`, answerEvidence(ctx, session, answer));
    }
    const valid = validateAgainst("message", "InitializeResult", answer.message.result);
    if (!valid.ok) return fail(`the initialize result is not an InitializeResult: ${valid.message}`, answerEvidence(ctx, session, answer));
    await session.post(initializedNotification);
    const { protocolVersion, serverInfo } = answer.message.result as { protocolVersion: string; serverInfo: { name: string; version: string } };
    return pass(`${serverInfo.name} ${serverInfo.version}, protocol ${protocolVersion}`);
  },
};
