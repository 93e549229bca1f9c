/**
 * A modern request missing a required `_meta` field is malformed: HTTP 400 with -32602 (basic/index,
 * "Per-request protocol fields"). Probed first with the one defect that leaves no other reading:
 * `_meta` without `io.modelcontextprotocol/clientCapabilities`, its protocolVersion equal to the
 * `MCP-Protocol-Version` header and every header right, so only 400 + -32602 is correct. Then
 * without `_meta` at all: the header now has no body value to match, and the transport names that
 * a HeaderMismatch (-32020, 400), so either error with 400 is correct there; serving it is not.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/index
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http#protocol-version-header
 */
import { JSONRPC_ERROR, MCP_ERROR, META_KEY } from "@mcp-contract/api-types";
import { fail, pass, type Check } from "../../check.js";
import { REF } from "../references.js";
import { describe, errorCodeOf, postModern } from "../../streamable/streamable-exchange.js";

export const modernMissingMeta: Check = {
  id: "modern-missing-meta",
  group: "modern",
  level: "MUST",
  title:
    "A request whose _meta lacks clientCapabilities (all else right) is 400 with -32602; one without _meta is 400 with -32602 (or -32020: its MCP-Protocol-Version has nothing to match)",
  reference: REF.modernMeta,
  failureMeans:
    "A request without its _meta (protocol version, client capabilities) is served on guesses, so the server may use features the client does not have; an error that comes with HTTP 200 is read by intermediaries and clients as a success.",
  remedy:
    "Require params._meta with io.modelcontextprotocol/protocolVersion and io.modelcontextprotocol/clientCapabilities on every modern request; when either is missing answer HTTP 400 with JSON-RPC error -32602 (Invalid params) saying which, before serving anything.",
  profiles: "all",
  transports: ["modern"],
  requires: [],
  async run(ctx) {
    const partial = await postModern(ctx, { method: "tools/list", id: 6, metaWithout: [META_KEY.CLIENT_CAPABILITIES] });
    const partialEvidence = ctx.evidence.exchange(partial, [`tools/list with the modern headers and a _meta without ${META_KEY.CLIENT_CAPABILITIES} (its protocolVersion matches MCP-Protocol-Version)`]);
    const partialCode = errorCodeOf(partial, 6);
    if (partial.response?.status !== 400 || partialCode !== JSONRPC_ERROR.INVALID_PARAMS) {
      return fail(`a _meta without ${META_KEY.CLIENT_CAPABILITIES} got ${describe(partial)} with error code ${partialCode ?? "none"}; want 400 and -32602`, partialEvidence);
    }
    const bare = await postModern(ctx, { method: "tools/list", id: 7, withoutMeta: true });
    const evidence = ctx.evidence.exchange(bare, [`a _meta without ${META_KEY.CLIENT_CAPABILITIES} got 400 -32602`, "tools/list with the modern headers and no params._meta"]);
    const code = errorCodeOf(bare, 7);
    const accepted: readonly number[] = [JSONRPC_ERROR.INVALID_PARAMS, MCP_ERROR.HEADER_MISMATCH];
    if (bare.response?.status === 400 && code !== undefined && accepted.includes(code)) return pass(`400 with -32602 for the missing clientCapabilities; 400 with ${code} without _meta`, evidence);
    return fail(`a request without _meta got ${describe(bare)} with error code ${code ?? "none"}; want 400 and -32602 (or -32020)`, evidence);
  },
};
