/**
 * A server that reads the body checks the headers against it: an `Mcp-Method` that names another
 * method than the body is HTTP 400 with -32020 (HeaderMismatch), and the request is not run.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http
 */
import { MCP_ERROR, MCP_HEADER } from "@mcp-contract/api-types";
import { fail, pass, type Check } from "../../check.js";
import { REF } from "../references.js";
import { describe, errorCodeOf, postModern } from "../../streamable/streamable-exchange.js";

export const modernHeaderMismatch: Check = {
  id: "modern-header-mismatch",
  group: "modern",
  level: "MUST",
  title: "An Mcp-Method header that differs from the body's method is 400 with -32020",
  reference: REF.modernHeaders,
  failureMeans:
    "Proxies and gateways route and authorize by the Mcp-Method header; a server that runs the body's method when the header says another lets a request pass a policy as one method and run as another.",
  remedy:
    "Compare Mcp-Method (and Mcp-Name where the method has one) with the body before running anything; on a mismatch answer HTTP 400 with JSON-RPC error -32020 (HeaderMismatch) and run nothing.",
  profiles: "all",
  transports: ["modern"],
  requires: [],
  async run(ctx) {
    const exchange = await postModern(ctx, { method: "server/discover", id: 4, headers: { [MCP_HEADER.METHOD]: "tools/list" } });
    const evidence = ctx.evidence.exchange(exchange, ["body method server/discover, Mcp-Method: tools/list"]);
    const code = errorCodeOf(exchange, 4);
    if (exchange.response?.status === 400 && code === MCP_ERROR.HEADER_MISMATCH) return pass("the mismatch got 400 with -32020", evidence);
    return fail(`the mismatch got ${describe(exchange)} with error code ${code ?? "none"}; want 400 and -32020`, evidence);
  },
};
