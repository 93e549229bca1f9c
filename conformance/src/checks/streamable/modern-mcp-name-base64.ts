/**
 * An `Mcp-Name` value that is not header-safe travels Base64-encoded as `=?base64?…?=`; the server
 * decodes it before comparing it with the body. The probe names a tool that does not exist, so
 * the check never runs one: any answer but 400 with -32020 (HeaderMismatch) shows the header was
 * decoded and matched.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http
 */
import { BASE64_SENTINEL, MCP_ERROR, MCP_HEADER } from "@mcp-contract/api-types";
import { fail, pass, type Check } from "../../check.js";
import { REF } from "../references.js";
import { describe, errorCodeOf, postModern, responseTo } from "../../streamable/streamable-exchange.js";

/** A tool name no server has, with characters (non-ASCII, a space) no header may carry as they are. */
const PROBE_NAME = "mcp-contract probe \u00e9\u00e8 no such tool";

export const modernMcpNameBase64: Check = {
  id: "modern-mcp-name-base64",
  group: "modern",
  level: "MUST",
  title: "A Base64-encoded Mcp-Name (=?base64?…?=) is decoded before it is compared with the body",
  reference: REF.modernHeaderNames,
  failureMeans:
    "Tools, resources or prompts whose names are not header-safe (non-ASCII, spaces) cannot be called: the client sends Mcp-Name Base64-encoded, as the spec requires, and the server takes it for a mismatch.",
  remedy:
    "Before comparing Mcp-Name with the body, decode a value of the form =?base64?<data>?= as Base64 and UTF-8; compare the decoded text with params.name (or params.uri).",
  profiles: "all",
  transports: ["modern"],
  requires: ["modern-discover"],
  async run(ctx) {
    const encoded = `${BASE64_SENTINEL.PREFIX}${Buffer.from(PROBE_NAME, "utf8").toString("base64")}${BASE64_SENTINEL.SUFFIX}`;
    const exchange = await postModern(ctx, {
      method: "tools/call",
      id: 12,
      params: { name: PROBE_NAME, arguments: {} },
      headers: { [MCP_HEADER.NAME]: encoded },
    });
    const evidence = ctx.evidence.exchange(exchange, [`tools/call of a tool that does not exist, named ${JSON.stringify(PROBE_NAME)}, with Mcp-Name: ${encoded}`]);
    const code = errorCodeOf(exchange, 12);
    if (code === MCP_ERROR.HEADER_MISMATCH) return fail(`the Base64 Mcp-Name was taken as a mismatch (${describe(exchange)}, -32020): it was not decoded`, evidence);
    if (!responseTo(exchange, 12)) return fail(`no JSON-RPC answer to id 12 (${describe(exchange)}): cannot tell the header was decoded`, evidence);
    return pass(`the decoded name matched: answered ${describe(exchange)}${code === undefined ? "" : ` with error ${code} for the missing tool`}`, evidence);
  },
};
