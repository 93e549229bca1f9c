/**
 * `server/discover` answers with the versions and capabilities a modern client needs before any
 * other request: `supportedVersions` (strings), `capabilities` (an object), and `resultType`.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/server/discover
 */
import { fail, pass, type Check } from "../../check.js";
import { REF } from "../references.js";
import { describe, isObject, postModern, responseTo } from "../../streamable/streamable-exchange.js";

export const modernDiscover: Check = {
  id: "modern-discover",
  group: "modern",
  level: "MUST",
  title: "server/discover returns supportedVersions, capabilities and resultType",
  reference: REF.modernDiscover,
  failureMeans:
    "server/discover is a MUST for 2026-07-28 servers: clients call it to learn the supported versions, capabilities and server identity in one request, and clients that speak both eras use it to probe which one a server speaks. Without it they see an unknown method, or a result they cannot read, and may fall back to the 2025 transport or give up.",
  remedy:
    "Implement server/discover, answering {resultType: \"complete\", supportedVersions: [\"2026-07-28\", …], capabilities: {…}, _meta: {\"io.modelcontextprotocol/serverInfo\": {name, version}}}.",
  profiles: "all",
  transports: ["modern"],
  requires: [],
  async run(ctx) {
    const exchange = await postModern(ctx, { method: "server/discover", id: 7 });
    const evidence = ctx.evidence.exchange(exchange);
    const result = responseTo(exchange, 7)?.["result"];
    if (exchange.response?.status !== 200 || !isObject(result)) return fail(`server/discover got ${describe(exchange)} with no result for id 7`, evidence);
    const versions = result["supportedVersions"];
    if (!Array.isArray(versions) || versions.length === 0 || !versions.every((v) => typeof v === "string")) {
      return fail("the result's supportedVersions is not a non-empty array of strings", evidence);
    }
    if (!isObject(result["capabilities"])) return fail("the result has no capabilities object", evidence);
    if (typeof result["resultType"] !== "string") return fail("the result has no resultType", evidence);
    return pass(`supportedVersions ${versions.join(", ")}`, evidence);
  },
};
