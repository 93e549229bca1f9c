/**
 * Spice's `/v1/mcp` refuses a body over its documented 4 MB limit with 413, from Content-Length
 * alone: a MUST of the Spice profile (a generic server has only the SHOULD of streamable-oversize-413).
 * @see ../../../../openapi/streamable.yaml (/v1/mcp)
 */
import type { Check } from "../../check.js";
import { REF } from "../references.js";
import { inEachEra } from "../../streamable/era-probe.js";
import { OVERSIZE_DECLARED, OVERSIZE_PROMPT_MS, oversizeProbe } from "../../streamable/oversize-probe.js";

export const spiceMcpOversize413: Check = {
  id: "spice-mcp-oversize-413",
  group: "spice",
  level: "MUST",
  title: `Spice /v1/mcp: a POST declaring Content-Length ${OVERSIZE_DECLARED} gets 413 within ${OVERSIZE_PROMPT_MS} ms, body unsent`,
  reference: REF.spiceStreamable,
  failureMeans:
    "Spice documents a 4 MB message limit; a server that reads an oversized body before refusing it can be made to buffer any amount of data, and clients wait instead of getting the documented 413.",
  remedy:
    "Compare Content-Length with the 4 MiB limit as soon as the request head arrives, before reading the body, and answer 413 with Connection: close and a JSON-RPC error body (error code -32000, data {\"reason\":\"payload_too_large\",\"limit\":4194304}), then close the connection; count the bytes of a chunked body and answer 413 the moment they cross the limit.",
  profiles: ["spice"],
  transports: ["stateful", "stateless", "modern"],
  requires: [],
  run: (ctx) => inEachEra(ctx, (channel) => oversizeProbe(ctx, channel)),
};
