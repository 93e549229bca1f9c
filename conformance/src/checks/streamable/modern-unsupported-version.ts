/**
 * A revision the server does not implement is HTTP 400 with -32022, whose data names the
 * versions it supports and the one requested, so the client can retry with one of them.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/versioning
 */
import { MCP_ERROR, MCP_HEADER } from "@mcp-contract/api-types";
import { fail, pass, type Check } from "../../check.js";
import { REF } from "../references.js";
import { describe, isObject, messagesOf, postModern } from "../../streamable/streamable-exchange.js";

/** A date no MCP revision has: what a client from a future revision might send. */
const UNKNOWN_VERSION = "2099-01-01";

export const modernUnsupportedVersion: Check = {
  id: "modern-unsupported-version",
  group: "modern",
  level: "MUST",
  title: "An unsupported protocol version is 400 with -32022 naming data.supported and data.requested",
  reference: REF.modernVersions,
  failureMeans:
    "A client on another revision gets no usable error, so it cannot retry with a version the server speaks; the versioning page makes the supported list part of the error so clients can negotiate.",
  remedy:
    "When MCP-Protocol-Version (and _meta's protocolVersion) is a version you do not implement, answer HTTP 400 with JSON-RPC error -32022 (UnsupportedProtocolVersion) whose data is {\"supported\": [\"2026-07-28\", …], \"requested\": \"<the version sent>\"}.",
  profiles: "all",
  transports: ["modern"],
  requires: [],
  async run(ctx) {
    const exchange = await postModern(ctx, { method: "server/discover", id: 5, version: UNKNOWN_VERSION, headers: { [MCP_HEADER.PROTOCOL_VERSION]: UNKNOWN_VERSION } });
    const evidence = ctx.evidence.exchange(exchange);
    const error = messagesOf(exchange).map((m) => (isObject(m) && isObject(m["error"]) ? m["error"] : undefined)).find(Boolean);
    if (exchange.response?.status !== 400 || error?.["code"] !== MCP_ERROR.UNSUPPORTED_PROTOCOL_VERSION) {
      return fail(`version ${UNKNOWN_VERSION} got ${describe(exchange)} with error code ${String(error?.["code"] ?? "none")}; want 400 and -32022`, evidence);
    }
    const data = error["data"];
    const supported = isObject(data) ? data["supported"] : undefined;
    if (!Array.isArray(supported) || supported.length === 0) return fail("the -32022 error's data.supported does not list the supported versions", evidence);
    if (!isObject(data) || data["requested"] !== UNKNOWN_VERSION) return fail(`the -32022 error's data.requested is not "${UNKNOWN_VERSION}"`, evidence);
    return pass(`400 -32022, supported ${supported.join(", ")}`, evidence);
  },
};
