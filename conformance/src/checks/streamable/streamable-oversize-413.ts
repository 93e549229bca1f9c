/**
 * A Streamable HTTP POST declaring a 64 MiB body gets 413 at once, from its Content-Length. No
 * MCP revision names 413, so for a generic server it is a SHOULD (the HTTP status for a body
 * the server will not take, and the mcp-contract message contract's); the Spice profile, whose
 * runtime documents a 4 MB limit, has its own MUST.
 * @see https://www.rfc-editor.org/rfc/rfc9110#name-413-content-too-large
 */
import type { Check } from "../../check.js";
import { REF } from "../references.js";
import { inEachEra } from "../../streamable/era-probe.js";
import { OVERSIZE_DECLARED, OVERSIZE_PROMPT_MS, oversizeProbe } from "../../streamable/oversize-probe.js";

export const streamableOversize413: Check = {
  id: "streamable-oversize-413",
  group: "streamable",
  level: "SHOULD",
  title: `A POST declaring Content-Length ${OVERSIZE_DECLARED} (64 MiB) gets 413 within ${OVERSIZE_PROMPT_MS} ms, body unsent`,
  reference: REF.streamableOversize,
  failureMeans:
    "The server reads a huge body before refusing it, so a client (or an attacker) can make it buffer any amount of data, and a client with a message that is too big waits instead of being told. No MCP revision names 413, so it is a SHOULD here.",
  remedy:
    "Compare Content-Length with your limit as soon as the request head arrives, before reading the body, and answer 413 with Connection: close and a JSON-RPC error body (id null, a message naming the limit), then close the connection; count the bytes of a chunked body as they arrive and answer 413 the moment they cross the limit.",
  profiles: ["generic", "opensearch", "celonis"],
  transports: ["stateful", "stateless", "modern"],
  requires: [],
  run: (ctx) => inEachEra(ctx, (channel) => oversizeProbe(ctx, channel)),
};
