/**
 * Past the asset's rate limit (given with --rate-limit <n>), tools/call answers with a tool result
 * whose isError is true and whose text says when to retry, not with a JSON-RPC error or an HTTP 429.
 */
import { fail, pass, type Check } from "../../check.js";
import { rpcRequest } from "../../protocol/messages.js";
import { simplestCallableTool } from "../../protocol/tool-schema.js";
import type { Answer } from "../../session/session.js";
import { answerEvidence, describeAnswer } from "../answer-evidence.js";
import { REF } from "../references.js";

const IN_FLIGHT = 8;

export const celonisRateLimitShape: Check = {
  id: "celonis-rate-limit-shape",
  group: "celonis",
  level: "SHOULD",
  title: "Past --rate-limit calls, tools/call answers an isError result with retry guidance",
  reference: REF.celonisSeed,
  profiles: ["celonis"],
  requires: ["mcp-tools-call"],
  skipUnless: (ctx) =>
    ctx.settings.rateLimit === undefined
      ? "the rate limit is only checked with --rate-limit <n> (the asset's calls per minute; it fires n+1 calls)"
      : undefined,
  async run(ctx) {
    const limit = ctx.settings.rateLimit ?? 0;
    const discovery = await ctx.discoverTools();
    const callable = "tools" in discovery ? simplestCallableTool(discovery.tools) : undefined;
    if (!callable) return fail(`no callable tool to spend the limit on: ${"problem" in discovery ? discovery.problem : "no tool with buildable arguments"}`);
    const session = await ctx.openSession({ initialize: true });
    const answers: Answer[] = [];
    for (let next = 0; next <= limit; next += IN_FLIGHT) {
      const batch = Array.from({ length: Math.min(IN_FLIGHT, limit + 1 - next) }, (_, i) =>
        session.request(rpcRequest(`rate-${next + i}`, "tools/call", { name: callable.tool.name, arguments: callable.args })),
      );
      answers.push(...(await Promise.all(batch)));
      if (ctx.signal.aborted) break;
    }
    const limited = answers.find((a) => a.message && "result" in a.message && a.message.result["isError"] === true);
    if (limited?.message && "result" in limited.message) {
      const text = JSON.stringify(limited.message.result["content"] ?? "");
      if (/retry|try again|after \d+/i.test(text)) return pass(`call ${answers.indexOf(limited) + 1} of ${limit + 1} answered isError with retry guidance`);
      return fail(`the rate-limited result gives no retry guidance: ${text.slice(0, 200)}`, answerEvidence(ctx, session, limited));
    }
    const last = answers.at(-1);
    return fail(
      `${limit + 1} calls, and none was answered with an isError result; the last: ${last ? describeAnswer(last) : "none"}`,
      last ? answerEvidence(ctx, session, last) : undefined,
    );
  },
};
