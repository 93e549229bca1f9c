/**
 * An `MCP-Protocol-Version` the server does not support (or that is not a version at all) is 400.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#protocol-version-header
 */
import { MCP_HEADER } from "@mcp-contract/api-types";
import { fail, pass } from "../../check.js";
import { REF } from "../references.js";
import { deviationFor } from "../../run/profile-deviations.js";
import { legacyCheck } from "../../streamable/legacy-check.js";
import { describe, postLegacy } from "../../streamable/streamable-exchange.js";

export const legacyInvalidProtocolVersion400 = legacyCheck({
  id: "legacy-invalid-protocol-version-400",
  level: "MUST",
  title: "A request with an invalid MCP-Protocol-Version is 400",
  reference: REF.streamableVersionHeader,
  failureMeans:
    "A client announcing a revision the server does not speak is served anyway, so both sides believe they agree on rules they do not share, and the failures come later and make no sense.",
  remedy:
    "Read MCP-Protocol-Version on every request after initialize: if it is present and not a revision you support, answer 400 Bad Request (a JSON-RPC error body naming the versions you support helps the client); if it is absent, assume 2025-03-26.",
  transports: ["stateful", "stateless"],
  async run(ctx, opened) {
    const exchange = await postLegacy(ctx, opened, { jsonrpc: "2.0", id: 14, method: "tools/list" }, { [MCP_HEADER.PROTOCOL_VERSION]: "not-a-version" });
    const evidence = ctx.evidence.exchange(exchange);
    if (exchange.response?.status === 400) return pass("400", evidence);
    const seen = `MCP-Protocol-Version: not-a-version got ${describe(exchange)}, not 400`;
    return (exchange.response?.status === 200 ? deviationFor(ctx, "opensearch-version-header-unchecked", seen, evidence) : undefined) ?? fail(seen, evidence);
  },
});
