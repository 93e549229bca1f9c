/**
 * Params that break the method's schema are answered with -32602: tools/call without `name` (a
 * MUST). Arguments of the wrong type for a listed tool are a SHOULD sub-check: MCP 2025-06-18 lists
 * invalid arguments under protocol errors, while 2025-11-25 (SEP-1303) prefers a tool result with
 * `isError: true` so the model can correct itself, so either passes; silently accepting them warns.
 */
import { fail, pass, warn, skip, type Check } from "../../check.js";
import { toolsSafeToCall } from "../../protocol/safe-tool.js";
import { rpcRequest } from "../../protocol/messages.js";
import { wronglyTypedCall } from "../../protocol/tool-schema.js";
import { answerEvidence, describeAnswer } from "../answer-evidence.js";
import { REF } from "../references.js";

export const jsonrpcInvalidParams: Check = {
  id: "jsonrpc-invalid-params",
  group: "jsonrpc",
  level: "MUST",
  title: "tools/call without `name` gets -32602; wrongly typed tool arguments are refused (SHOULD)",
  reference: REF.toolsErrors,
  failureMeans:
    "A tools/call without a name, or with arguments of the wrong type, runs anyway or fails with an unrelated error, so the client, and the model behind it, cannot correct the call. The SHOULD part warns when a tool silently accepts arguments of the wrong type.",
  remedy:
    "Validate params before running a method: tools/call without a string name is error -32602 (Invalid params). Validate tool arguments against the tool's inputSchema (with a JSON Schema validator such as Ajv) and answer -32602, or a CallToolResult with isError: true whose text names the wrong argument (2025-11-25 prefers the latter, so the model can fix its call).",
  profiles: "all",
  requires: ["post-request-accepted"],
  async run(ctx) {
    const discovery = await ctx.discoverTools();
    if ("capabilities" in discovery && !("tools" in discovery.capabilities)) {
      return skip("the server declares no tools capability, so tools/call has no params to get wrong");
    }
    const session = await ctx.openSession({ initialize: true });
    const answer = await session.request(rpcRequest("invalid-params", "tools/call", { arguments: {} }));
    if (!answer.message || !("error" in answer.message) || answer.message.error.code !== -32602) {
      return fail(`tools/call without name: expected -32602, got ${describeAnswer(answer)}`, answerEvidence(ctx, session, answer));
    }
    if (!("tools" in discovery)) return pass(`-32602 without name; argument types not checked: ${discovery.problem}`);
    // A server that does not check argument types would run the tool: only a safe one is tried.
    const call = wronglyTypedCall(toolsSafeToCall(discovery.tools, ctx.settings.tool));
    if (!call) return pass("-32602 without name; no tool safe to call (--tool, or annotated read-only) has a required property of a simple type to get wrong");
    const typed = await session.request(rpcRequest("invalid-arguments", "tools/call", { name: call.tool.name, arguments: call.args }));
    const what = `tools/call ${call.tool.name} with ${call.property} not a ${call.expected}`;
    const message = typed.message;
    if (message && "error" in message && message.error.code === -32602) return pass(`-32602 without name; -32602 for ${what}`);
    if (message && "result" in message && message.result["isError"] === true) {
      return pass(`-32602 without name; an isError result for ${what}`);
    }
    return warn(`${what}: expected -32602 or an isError result, got ${describeAnswer(typed)}`, answerEvidence(ctx, session, typed));
  },
};
