/**
 * A modern request without its `_meta` (protocol version, client capabilities) is HTTP 400 with
 * -32602: the server cannot know what the client speaks.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/index
 */
import { JSONRPC_ERROR } from "@mcp-contract/api-types";
import { fail, pass, type Check } from "../../check.js";
import { REF } from "../references.js";
import { describe, errorCodeOf, postModern } from "../../streamable/streamable-exchange.js";

export const modernMissingMeta: Check = {
  id: "modern-missing-meta",
  group: "modern",
  level: "MUST",
  title: "A request without the required _meta is 400 with -32602",
  reference: REF.modernMeta,
  failureMeans:
    "A request without its _meta (protocol version, client capabilities) is served on guesses, so the server may use features the client does not have.",
  remedy:
    "Require params._meta with io.modelcontextprotocol/protocolVersion and io.modelcontextprotocol/clientCapabilities on every modern request; when either is missing answer HTTP 400 with JSON-RPC error -32602 (Invalid params) saying which.",
  profiles: "all",
  transports: ["modern"],
  requires: [],
  async run(ctx) {
    const exchange = await postModern(ctx, { method: "tools/list", id: 6, withoutMeta: true });
    const evidence = ctx.evidence.exchange(exchange, ["tools/list with the modern headers and no params._meta"]);
    const code = errorCodeOf(exchange, 6);
    if (exchange.response?.status === 400 && code === JSONRPC_ERROR.INVALID_PARAMS) return pass("400 with -32602", evidence);
    return fail(`a request without _meta got ${describe(exchange)} with error code ${code ?? "none"}; want 400 and -32602`, evidence);
  },
};
