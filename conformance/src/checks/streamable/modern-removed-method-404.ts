/**
 * A method the server does not implement, such as `ping` (removed in 2026-07-28), is HTTP 404
 * with JSON-RPC -32601, so a client can tell "no such method" from a broken request.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http
 */
import { JSONRPC_ERROR } from "@mcp-contract/api-types";
import { fail, pass, type Check } from "../../check.js";
import { REF } from "../references.js";
import { describe, errorCodeOf, postModern } from "../../streamable/streamable-exchange.js";

export const modernRemovedMethod404: Check = {
  id: "modern-removed-method-404",
  group: "modern",
  level: "MUST",
  title: "A removed method (ping) is HTTP 404 with JSON-RPC -32601",
  reference: REF.modernHeaders,
  profiles: "all",
  transports: ["modern"],
  requires: [],
  async run(ctx) {
    const exchange = await postModern(ctx, { method: "ping", id: 3 });
    const evidence = ctx.evidence.exchange(exchange);
    const code = errorCodeOf(exchange, 3);
    if (exchange.response?.status === 404 && code === JSONRPC_ERROR.METHOD_NOT_FOUND) return pass("ping got 404 with -32601", evidence);
    return fail(`ping got ${describe(exchange)} with error code ${code ?? "none"}; want 404 and -32601`, evidence);
  },
};
