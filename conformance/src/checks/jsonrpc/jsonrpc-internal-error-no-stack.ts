/**
 * Internal errors never leak a stack trace. Calls the server's `throw` tool when it lists one (an
 * optional extra of test servers), and looks at every -32603 the run saw; with neither there is
 * nothing to judge and the check is skipped.
 */
import { fail, pass, skip, type Check } from "../../check.js";
import { errorOf } from "../../protocol/jsonrpc-shape.js";
import { rpcRequest } from "../../protocol/messages.js";
import { findStackTrace } from "../../protocol/stack-trace.js";
import { argumentsFor } from "../../protocol/tool-schema.js";
import { toolsSafeToCall } from "../../protocol/safe-tool.js";
import { answerEvidence } from "../answer-evidence.js";
import { REF } from "../references.js";

export const jsonrpcInternalErrorNoStack: Check = {
  id: "jsonrpc-internal-error-no-stack",
  group: "jsonrpc",
  level: "MUST",
  title: "Internal errors (-32603) carry no stack trace",
  reference: REF.jsonrpcErrorObject,
  failureMeans:
    "A stack trace in an error's message or data tells an attacker file paths, library versions and the code's structure, and shows internals to users and to the model.",
  remedy:
    "Catch exceptions at the dispatcher and answer -32603 (or, for a tool, a result with isError: true) with a short message saying what went wrong; log the stack on the server only, and never copy error.stack (or a framework error's text that includes it) into message or data.",
  profiles: "all",
  requires: ["post-request-accepted"],
  async run(ctx) {
    const discovery = await ctx.discoverTools();
    // `throw` is called only when it is safe to (annotated read-only, or named with --tool throw).
    const thrower = "tools" in discovery ? toolsSafeToCall(discovery.tools, ctx.settings.tool).find((tool) => tool.name === "throw") : undefined;
    let provoked = "";
    if (thrower) {
      const session = await ctx.openSession({ initialize: true });
      const answer = await session.request(rpcRequest("throw", "tools/call", { name: "throw", arguments: argumentsFor(thrower) ?? {} }));
      const frame = answer.message ? findStackTrace(JSON.stringify(answer.message)) : undefined;
      if (frame) return fail(`the throw tool's answer leaks a stack frame: "${frame}"`, answerEvidence(ctx, session, answer));
      provoked = "the throw tool's answer and ";
    }
    const internal = ctx.observed.filter((seen) => errorOf(seen.value)?.code === -32603);
    for (const seen of internal) {
      const frame = findStackTrace(JSON.stringify(seen.value));
      if (frame) return fail(`a -32603 seen during ${seen.checkId} leaks a stack frame: "${frame}"`);
    }
    if (!thrower && internal.length === 0) {
      return skip("nothing to judge: the server lists no `throw` tool and no -32603 error was seen during the run");
    }
    return pass(`no stack trace in ${provoked}${internal.length} internal error(s) seen`);
  },
};
