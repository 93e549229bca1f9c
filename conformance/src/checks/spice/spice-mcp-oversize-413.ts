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
  profiles: ["spice"],
  transports: ["stateful", "stateless", "modern"],
  requires: [],
  run: (ctx) => inEachEra(ctx, (channel) => oversizeProbe(ctx, channel)),
};
