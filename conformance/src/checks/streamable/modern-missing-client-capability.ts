/**
 * A request that needs a client capability its `_meta` does not declare is HTTP 400 with -32021
 * (MissingRequiredClientCapability), whose `data.requiredCapabilities` lists what is missing.
 *
 * Only a tool known to need a capability can show it, and no revision gives a server a way to mark
 * one, so the check calls only the tool the user names with `--capability-tool` (arguments from
 * `--tool-args` when `--tool` names the same tool, else built from its inputSchema). It calls it
 * twice: declaring no capability (must be 400 + -32021 with the data), then declaring exactly the
 * capabilities the error named (must not be -32021 again: the error was about those). Without a
 * named tool it is "not verified", never a pass.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/index
 */
import { MCP_ERROR, MCP_HEADER, type Tool } from "@mcp-contract/api-types";
import { encodeHeaderValue } from "@mcp-contract/client/detect";
import { fail, notVerified, pass, skip, type Check } from "../../check.js";
import type { CheckContext } from "../../run/check-context.js";
import { argumentsFor } from "../../protocol/tool-schema.js";
import { REF } from "../references.js";
import { describe, isObject, postModern, responseTo, type JsonObject } from "../../streamable/streamable-exchange.js";

const CALL_ID = "mcp-contract-capability-1";
const RETRY_ID = "mcp-contract-capability-2";
/** Bounds the tools/list walk: a server whose cursors never end cannot hold the check. */
const MAX_PAGES = 20;
const HOW_TO_NAME = "name a tool the server serves only to clients declaring a capability with --capability-tool NAME";

/** The server's tool called `name` over modern tools/list (every page), or why it was not found. */
async function findTool(ctx: CheckContext, name: string): Promise<{ tool: Tool } | { missing: string } | { unreadable: string }> {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const id = `mcp-contract-capability-list-${page}`;
    const exchange = await postModern(ctx, { method: "tools/list", id, ...(cursor !== undefined && { params: { cursor } }) });
    const result = responseTo(exchange, id)?.["result"];
    if (!isObject(result) || !Array.isArray(result["tools"])) return { unreadable: `tools/list got ${describe(exchange)} without a tool list` };
    for (const tool of result["tools"] as Tool[]) {
      if (tool?.name === name) return { tool };
      if (typeof tool?.name === "string") seen.push(tool.name);
    }
    cursor = typeof result["nextCursor"] === "string" ? result["nextCursor"] : undefined;
    if (cursor === undefined) break;
  }
  return { missing: `the server lists no tool ${name} (it lists ${seen.join(", ") || "none"})` };
}

/** What is wrong with `data.requiredCapabilities`, if anything: it must be a non-empty ClientCapabilities object. */
function capabilitiesProblem(data: unknown): string | undefined {
  if (!isObject(data)) return "the -32021 error has no data object";
  const required = data["requiredCapabilities"];
  if (!isObject(required)) return "the -32021 error's data has no requiredCapabilities object";
  const names = Object.keys(required);
  if (names.length === 0) return "data.requiredCapabilities is empty: it must list the missing capabilities";
  const notObject = names.filter((key) => !isObject(required[key]));
  if (notObject.length > 0) return `data.requiredCapabilities.${notObject.join(", .")} is not an object (ClientCapabilities values are objects)`;
  return undefined;
}

export const modernMissingClientCapability: Check = {
  id: "modern-missing-client-capability",
  group: "modern",
  level: "MUST",
  title: "A request needing a client capability it did not declare is 400 with -32021 and data.requiredCapabilities (probed with --capability-tool)",
  reference: REF.modernCapabilities,
  failureMeans:
    "A client that did not declare a capability the request needs cannot tell from the answer what is missing, so it cannot retry declaring it (or it gets asked for input it never said it could give).",
  remedy:
    "When a request needs a client capability its _meta io.modelcontextprotocol/clientCapabilities does not declare, answer HTTP 400 with JSON-RPC error -32021 (MissingRequiredClientCapability), the request's id, and data.requiredCapabilities listing the missing capabilities (e.g. { \"elicitation\": {} }); never answer input_required to such a client.",
  profiles: "all",
  transports: ["modern"],
  requires: [],
  async run(ctx) {
    const named = ctx.settings.capabilityTool;
    if (!named) return notVerified(`no tool known to need a client capability: ${HOW_TO_NAME} (no revision lets a server mark one, so none is guessed)`);
    const found = await findTool(ctx, named.name);
    if ("unreadable" in found) return skip(`${found.unreadable}, so --capability-tool ${named.name} cannot be called (modern-result-type judges tools/list)`);
    if ("missing" in found) return notVerified(`--capability-tool ${named.name}: ${found.missing}`);
    const args = named.args ?? argumentsFor(found.tool);
    if (!args) return notVerified(`--capability-tool ${named.name}: its arguments cannot be built from its inputSchema; give them with --tool ${named.name} --tool-args JSON`);
    const call = (id: string, capabilities: JsonObject) =>
      postModern(ctx, { method: "tools/call", id, params: { name: named.name, arguments: args }, capabilities, headers: { [MCP_HEADER.NAME]: encodeHeaderValue(named.name) } });

    const bare = await call(CALL_ID, {});
    const evidence = ctx.evidence.exchange(bare, [`tools/call ${named.name} (named with --capability-tool) declaring no client capabilities`]);
    const answer = responseTo(bare, CALL_ID);
    const error = isObject(answer?.["error"]) ? answer["error"] : undefined;
    if (!answer) return fail(`no JSON-RPC answer bearing id ${CALL_ID} (${describe(bare)})`, evidence);
    if (!error) {
      const result = isObject(answer["result"]) ? answer["result"] : {};
      if (result["resultType"] === "input_required") {
        return fail(`${named.name} was answered input_required for a client that declared no capabilities: the server relied on a capability it was not given (want 400 and -32021)`, evidence);
      }
      return notVerified(`${named.name} answered a result without any client capability, so it needs none on this call: ${HOW_TO_NAME}`);
    }
    if (error["code"] !== MCP_ERROR.MISSING_REQUIRED_CLIENT_CAPABILITY) {
      return fail(`${named.name} without capabilities got ${describe(bare)} with error code ${String(error["code"])}; want 400 and -32021`, evidence);
    }
    if (bare.response?.status !== 400) return fail(`-32021 came with HTTP ${describe(bare)}; on HTTP it MUST be 400`, evidence);
    const problem = capabilitiesProblem(error["data"]);
    if (problem) return fail(problem, evidence);
    const required = (error["data"] as JsonObject)["requiredCapabilities"] as JsonObject;

    // Declaring what the error named must satisfy the server: else the -32021 was not about those.
    const retry = await call(RETRY_ID, required);
    const retryAnswer = responseTo(retry, RETRY_ID);
    const retryError = isObject(retryAnswer?.["error"]) ? retryAnswer["error"] : undefined;
    if (retryError?.["code"] === MCP_ERROR.MISSING_REQUIRED_CLIENT_CAPABILITY) {
      return fail(
        `declaring the capabilities data.requiredCapabilities named (${JSON.stringify(required)}) still got -32021: the error does not list what is missing`,
        ctx.evidence.exchange(retry, [`tools/call ${named.name} declaring ${JSON.stringify(required)}`]),
      );
    }
    const after = retryAnswer ? (retryError ? `error ${String(retryError["code"])}` : `resultType ${JSON.stringify((retryAnswer["result"] as JsonObject | undefined)?.["resultType"])}`) : describe(retry);
    return pass(`400 -32021 requiring ${Object.keys(required).join(", ")}; declaring them, ${named.name} was answered (${after})`, evidence);
  },
};
