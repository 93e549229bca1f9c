/**
 * Past the asset's rate limit (given with --rate-limit <n>), tools/call answers with a tool result
 * whose isError is true and whose text says when to retry, not with a JSON-RPC error or an HTTP 429.
 * The calls go to a tool that succeeds on its own (probed first), so a tool that always reports
 * isError is not taken for the limit.
 */
import { fail, pass, type Check } from "../../check.js";
import { rpcRequest } from "../../protocol/messages.js";
import { callableTools, type CallableTool } from "../../protocol/tool-schema.js";
import { toolsSafeToCall } from "../../protocol/safe-tool.js";
import type { Answer, Session } from "../../session/session.js";
import { answerEvidence, describeAnswer } from "../answer-evidence.js";
import { REF } from "../references.js";

const IN_FLIGHT = 8;
const PROBES = 5;

export const celonisRateLimitShape: Check = {
  id: "celonis-rate-limit-shape",
  group: "celonis",
  level: "SHOULD",
  title: "Past --rate-limit calls, tools/call answers an isError result with retry guidance",
  reference: REF.celonisSeed,
  failureMeans:
    "Past the asset's rate limit the client gets a JSON-RPC error or an HTTP 429, which the model cannot read, instead of a tool result telling it when to try again, so the agent fails or retries blindly.",
  remedy:
    "When a call is over the limit, answer tools/call with a CallToolResult {isError: true, content: [{type: \"text\", text: \"Rate limit of 500 calls per minute reached; retry after 12 seconds.\"}]} that says when to retry. Run the check with --rate-limit set to the asset's calls per minute.",
  profiles: ["celonis"],
  requires: ["mcp-tools-call"],
  skipUnless: (ctx) =>
    ctx.settings.rateLimit === undefined
      ? "the rate limit is only checked with --rate-limit <n> (the asset's calls per minute; it fires n+1 calls)"
      : undefined,
  async run(ctx) {
    const limit = ctx.settings.rateLimit ?? 0;
    const discovery = await ctx.discoverTools();
    if (!("tools" in discovery)) return fail(`could not list tools: ${discovery.problem}`);
    const session = await ctx.openSession({ initialize: true });
    const answers: Answer[] = [];
    let callable: CallableTool | undefined;
    for (const candidate of callableTools(toolsSafeToCall(discovery.tools, ctx.settings.tool)).slice(0, PROBES)) {
      const probe = await call(session, candidate, answers.length);
      answers.push(probe);
      if (isError(probe) === false) {
        callable = candidate;
        break;
      }
    }
    if (!callable) return fail(`no listed tool answered a plain result to spend the limit on (${answers.length} probed)`);
    const spendFrom = answers.length;
    for (let next = answers.length; next <= limit && !ctx.signal.aborted; next += IN_FLIGHT) {
      const count = Math.min(IN_FLIGHT, limit + 1 - next);
      answers.push(...(await Promise.all(Array.from({ length: count }, (_, i) => call(session, callable, next + i)))));
    }
    // Only the chosen tool's calls count: probes of tools that fail on their own are not the limit.
    const limited = answers.slice(spendFrom).find((a) => isError(a) === true);
    if (limited?.message && "result" in limited.message) {
      const text = JSON.stringify(limited.message.result["content"] ?? "");
      if (/retry|try again|after \d+/i.test(text)) return pass(`call ${answers.indexOf(limited) + 1} of ${answers.length} answered isError with retry guidance`);
      return fail(`the rate-limited result gives no retry guidance: ${text.slice(0, 200)}`, answerEvidence(ctx, session, limited));
    }
    const last = answers.at(-1);
    return fail(
      `${answers.length} calls to ${callable.tool.name}, and none past the limit was answered with an isError result; the last: ${last ? describeAnswer(last) : "none"}`,
      last ? answerEvidence(ctx, session, last) : undefined,
    );
  },
};

function call(session: Session, callable: CallableTool, n: number): Promise<Answer> {
  return session.request(rpcRequest(`rate-${n}`, "tools/call", { name: callable.tool.name, arguments: callable.args }));
}

/** true/false for a result's isError; undefined for an error or no answer. */
function isError(answer: Answer): boolean | undefined {
  return answer.message && "result" in answer.message ? answer.message.result["isError"] === true : undefined;
}
