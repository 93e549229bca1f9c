/**
 * A listed tool, called with arguments built from its own inputSchema, answers with a
 * CallToolResult. A JSON-RPC error ("tool not found", -32602…) is a failure, never a pass. Only a
 * tool the user named, or one annotated read-only, is called; otherwise the check is not verified.
 */
import { validateAgainst } from "@mcp-contract/api-types";
import { fail, notVerified, pass, skip, type Check } from "../../check.js";
import { allowedToolCall } from "../../protocol/safe-tool.js";
import { rpcRequest } from "../../protocol/messages.js";
import { answerEvidence, describeAnswer } from "../answer-evidence.js";
import { REF } from "../references.js";

export const mcpToolsCall: Check = {
  id: "mcp-tools-call",
  group: "mcp",
  level: "MUST",
  title: "Calling a tool that is safe to call (--tool, or annotated read-only) with schema-valid arguments returns a CallToolResult",
  reference: REF.toolsCall,
  failureMeans:
    "A listed tool cannot be used: called with arguments that match its own schema it answers a JSON-RPC error, or a result that is not a CallToolResult (no content array), so the model sees the tool fail.",
  remedy:
    "Answer tools/call for every listed tool with {content: [{type: \"text\", text: …}], isError?: boolean}; report a failure of the tool itself as isError: true with a text, not as a JSON-RPC error. Annotate tools that change nothing with readOnlyHint: true so the runner may call them, or name one with --tool.",
  profiles: "all",
  requires: ["mcp-tools-list"],
  async run(ctx) {
    const discovery = await ctx.discoverTools();
    if (!("tools" in discovery)) return fail(`could not list tools: ${discovery.problem}`);
    if (!("tools" in discovery.capabilities)) return skip("the server declares no tools capability");
    if (discovery.tools.length === 0) return skip("the server lists no tools");
    const decision = allowedToolCall(discovery.tools, ctx.settings.tool);
    if ("problem" in decision) return fail(decision.problem);
    if ("notAllowed" in decision) return notVerified(decision.notAllowed);
    const callable = decision.call;
    const session = await ctx.openSession({ initialize: true });
    const answer = await session.request(rpcRequest("tools-call", "tools/call", { name: callable.tool.name, arguments: callable.args }));
    const call = `tools/call ${callable.tool.name} ${JSON.stringify(callable.args)}`;
    if (!answer.message || !("result" in answer.message)) return fail(`${call}: ${describeAnswer(answer)}`, answerEvidence(ctx, session, answer));
    const valid = validateAgainst("message", "CallToolResult", answer.message.result);
    if (!valid.ok) return fail(`${call}: the result is not a CallToolResult: ${valid.message}`, answerEvidence(ctx, session, answer));
    const isError = answer.message.result["isError"] === true;
    return pass(`${call} returned a CallToolResult${isError ? " (isError: true, the tool itself reported a failure)" : ""}; called because ${callable.basis}`);
  },
};
