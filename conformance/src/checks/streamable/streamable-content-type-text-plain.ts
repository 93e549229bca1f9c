/**
 * What the server does with a JSON-RPC body sent as `Content-Type: text/plain`. No revision says:
 * SDK v2 answers 415, others 400, some read the JSON anyway. An observation, in each era, never a
 * pass or a failure.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#sending-messages-to-the-server
 */
import { observe, type Check } from "../../check.js";
import { REF } from "../references.js";
import { inEachEra } from "../../streamable/era-probe.js";
import { describe } from "../../streamable/streamable-exchange.js";

export const streamableContentTypeTextPlain: Check = {
  id: "streamable-content-type-text-plain",
  group: "streamable",
  level: "INFO",
  title: "What a JSON-RPC body sent as Content-Type: text/plain gets (415, 400, or an answer: no revision says)",
  reference: REF.streamableUnspecified,
  profiles: "all",
  transports: ["stateful", "stateless", "modern"],
  requires: [],
  run: (ctx) =>
    inEachEra(ctx, async (channel) => {
      const exchange = await channel.post({ jsonrpc: "2.0", id: 77, method: "tools/list" }, { headers: { "Content-Type": "text/plain" } });
      return observe(`Content-Type: text/plain got ${describe(exchange)}`, ctx.evidence.exchange(exchange, ["no MCP revision says what a server answers here"]));
    }),
};
