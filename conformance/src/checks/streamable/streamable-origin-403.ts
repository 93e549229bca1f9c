/**
 * A request from a foreign browser origin is refused with 403: DNS rebinding must not reach the
 * server. 2025-11-25 made the 403 a MUST, and 2026-07-28 keeps it.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#security-warning
 */
import { fail, pass, type Check } from "../../check.js";
import { REF } from "../references.js";
import { describe, openLegacy, postModern } from "../../streamable/streamable-exchange.js";

const FOREIGN_ORIGIN = "http://mcp-contract-foreign-origin.invalid";

export const streamableOrigin403: Check = {
  id: "streamable-origin-403",
  group: "streamable",
  level: "MUST",
  title: "A request with a foreign Origin is refused with 403",
  reference: REF.streamableSecurity,
  failureMeans:
    "A web page the user visits can reach the server through DNS rebinding and send it MCP requests with the user's access, because a request from a foreign Origin is served. 2025-11-25 made the 403 a MUST; 2026-07-28 keeps it.",
  remedy:
    "Check Origin on every request to the MCP endpoint before anything else: when it is present and not one you allow (your own origins, http://localhost:<port>), answer 403; the body may be a JSON-RPC error without an id. Requests without Origin pass. Bind local servers to 127.0.0.1.",
  profiles: "all",
  transports: ["stateful", "stateless", "modern"],
  requires: [],
  async run(ctx) {
    const headers = { Origin: FOREIGN_ORIGIN };
    const exchange = ctx.target.kinds.includes("modern")
      ? await postModern(ctx, { method: "server/discover", headers })
      : (await openLegacy(ctx, headers)).exchange;
    const evidence = ctx.evidence.exchange(exchange);
    return exchange.response?.status === 403
      ? pass(`Origin ${FOREIGN_ORIGIN} got 403`, evidence)
      : fail(`Origin ${FOREIGN_ORIGIN} got ${describe(exchange)}, not 403`, evidence);
  },
};
