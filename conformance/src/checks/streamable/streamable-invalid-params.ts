/**
 * A tools/call whose params break the CallToolRequest schema (`arguments` a string, not an
 * object) is a protocol error: JSON-RPC -32602, bearing the request's id, in each era. The tool
 * name is made up too, so no tool runs whatever the server does (an unknown tool is -32602 as well).
 * @see https://modelcontextprotocol.io/specification/2025-11-25/server/tools#error-handling
 * @see https://www.jsonrpc.org/specification#error_object
 */
import { randomUUID } from "node:crypto";
import { MCP_HEADER } from "@mcp-contract/api-types";
import type { Check } from "../../check.js";
import { REF } from "../references.js";
import { inEachEra } from "../../streamable/era-probe.js";
import { judgeError } from "../../streamable/jsonrpc-error-answer.js";

export const streamableInvalidParams: Check = {
  id: "streamable-invalid-params",
  group: "streamable",
  level: "MUST",
  title: "tools/call with params that break its schema (arguments not an object) is answered with -32602",
  reference: REF.streamableUnknownTool,
  failureMeans:
    "A tools/call with params that break the schema (arguments not an object) runs, or fails with an unrelated error, so the client cannot learn what was wrong with its call.",
  remedy:
    "Validate tools/call params against the CallToolRequest schema before looking up the tool: arguments must be an object, name a string. Answer a violation, or an unknown tool name, with error -32602 (Invalid params) and the request's id.",
  profiles: "all",
  transports: ["stateful", "stateless", "modern"],
  requires: [],
  run: (ctx) =>
    inEachEra(ctx, async (channel) => {
      const name = `mcp-contract-no-such-tool-${randomUUID()}`;
      const exchange = await channel.post({ jsonrpc: "2.0", id: 73, method: "tools/call", params: { name, arguments: "not-an-object" } }, { headers: { [MCP_HEADER.NAME]: name } });
      return judgeError(ctx, exchange, { code: -32602, ids: [73], note: `tools/call of ${name} (a tool no server has) with arguments "not-an-object"` });
    }),
};
