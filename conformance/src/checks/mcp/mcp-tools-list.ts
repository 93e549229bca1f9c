/**
 * tools/list answers a ListToolsResult on every page (following nextCursor, bounded), and every
 * tool's inputSchema compiles as a JSON Schema.
 */
import { validateAgainst } from "@mcp-contract/api-types";
import { fail, pass, skip, type Check } from "../../check.js";
import { listAllTools } from "../../protocol/list-tools.js";
import { compileToolSchema } from "../../protocol/tool-schema.js";
import { answerEvidence } from "../answer-evidence.js";
import { REF } from "../references.js";

export const mcpToolsList: Check = {
  id: "mcp-tools-list",
  group: "mcp",
  level: "MUST",
  title: "tools/list returns a ListToolsResult on every page; each inputSchema compiles",
  reference: REF.toolsList,
  failureMeans:
    "Clients cannot offer the server's tools: a result that is not a ListToolsResult (no tools array, a tool without name or inputSchema), a nextCursor that does not lead to the next page, or an inputSchema that is not valid JSON Schema makes the client drop the list or fail to check calls.",
  remedy:
    "Answer tools/list with {tools: [{name, description, inputSchema: {type: \"object\", properties: {…}}}], nextCursor?}. Give every tool an inputSchema that compiles as JSON Schema ({\"type\":\"object\"} for a tool without arguments), and return nextCursor only when another page exists, accepting it back as params.cursor.",
  profiles: "all",
  requires: ["mcp-initialize"],
  async run(ctx) {
    const discovery = await ctx.discoverTools();
    if ("capabilities" in discovery && !("tools" in discovery.capabilities)) {
      return skip("the server's initialize result declares no tools capability");
    }
    const session = await ctx.openSession({ initialize: true });
    const pages = await listAllTools(session);
    for (const [page, answer] of pages.answers.entries()) {
      if (!answer.message || !("result" in answer.message)) continue;
      const valid = validateAgainst("message", "ListToolsResult", answer.message.result);
      if (!valid.ok) return fail(`page ${page + 1} is not a ListToolsResult: ${valid.message}`, answerEvidence(ctx, session, answer));
    }
    const last = pages.answers.at(-1);
    if (pages.problem) return fail(pages.problem, last ? answerEvidence(ctx, session, last) : undefined);
    for (const tool of pages.tools) {
      const compiled = compileToolSchema(tool.inputSchema);
      if ("problem" in compiled) return fail(`tool ${JSON.stringify(tool.name)}: its inputSchema does not compile: ${compiled.problem}`);
    }
    return pass(`${pages.tools.length} tools on ${pages.answers.length} page(s), every inputSchema compiles`);
  },
};
