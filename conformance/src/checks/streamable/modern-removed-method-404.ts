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
  failureMeans:
    "A 2026-07-28 client cannot tell a method that does not exist (ping was removed) from a broken request or a server error, so its fallback logic goes wrong.",
  remedy:
    "Answer a method you do not implement, including those 2026-07-28 removed (ping, initialize, logging/setLevel, resources/subscribe), with HTTP 404 and JSON-RPC error -32601 bearing the request's id.",
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
