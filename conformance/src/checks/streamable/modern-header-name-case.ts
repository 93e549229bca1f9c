/**
 * HTTP header names are case-insensitive, and the Streamable HTTP headers are no exception: a
 * modern request whose `Mcp-Method` and `MCP-Protocol-Version` are spelled in other cases is
 * served exactly as the canonical spelling would be.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http
 */
import { MCP_HEADER } from "@mcp-contract/api-types";
import { fail, pass, type Check } from "../../check.js";
import { REF } from "../references.js";
import { describe, errorCodeOf, isObject, postModern, responseTo } from "../../streamable/streamable-exchange.js";

/** The spellings sent instead of the spec's own (node:http keeps a header name's case on the wire). */
const SPELLINGS = { method: "MCP-METHOD", version: "mcp-protocol-version" } as const;

export const modernHeaderNameCase: Check = {
  id: "modern-header-name-case",
  group: "modern",
  level: "MUST",
  title: "Mcp-Method and MCP-Protocol-Version are recognised whatever the case of their names",
  reference: REF.modernHeaderNames,
  failureMeans:
    "Clients and proxies that spell header names differently (HTTP/2 lower-cases all of them) are refused, although HTTP header names are case-insensitive.",
  remedy:
    "Read headers through your HTTP library's case-insensitive lookup (in Node, req.headers is already lower-cased; use req.headers[\"mcp-method\"]), never by comparing raw names; compare header values case-sensitively.",
  profiles: "all",
  transports: ["modern"],
  requires: ["modern-discover"],
  async run(ctx) {
    const exchange = await postModern(ctx, {
      method: "server/discover",
      id: 11,
      headers: {
        [MCP_HEADER.METHOD]: undefined,
        [MCP_HEADER.PROTOCOL_VERSION]: undefined,
        [SPELLINGS.method]: "server/discover",
        [SPELLINGS.version]: "2026-07-28",
      },
    });
    const evidence = ctx.evidence.exchange(exchange, [`header names sent as ${SPELLINGS.method} and ${SPELLINGS.version}`]);
    const result = responseTo(exchange, 11)?.["result"];
    if (exchange.response?.status === 200 && isObject(result) && typeof result["resultType"] === "string") {
      return pass("server/discover was served with the header names in other cases", evidence);
    }
    const code = errorCodeOf(exchange, 11);
    return fail(`with the header names in other cases server/discover got ${describe(exchange)}${code === undefined ? "" : ` with error ${code}`}; header names are case-insensitive`, evidence);
  },
};
