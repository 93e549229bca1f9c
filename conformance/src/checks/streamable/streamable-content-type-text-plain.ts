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
  failureMeans:
    "Nothing fails: no revision says what a server answers to a JSON-RPC body sent as text/plain. A server that reads it anyway accepts requests a web page can send without a CORS preflight.",
  remedy:
    "No change is required. Answering 415 Unsupported Media Type with a JSON-RPC error body (what the SDK v2 does) is the safest choice: it refuses bodies a browser can send cross-site without a preflight.",
  profiles: "all",
  transports: ["stateful", "stateless", "modern"],
  requires: [],
  run: (ctx) =>
    inEachEra(ctx, async (channel) => {
      const exchange = await channel.post({ jsonrpc: "2.0", id: 77, method: "tools/list" }, { headers: { "Content-Type": "text/plain" } });
      return observe(`Content-Type: text/plain got ${describe(exchange)}`, ctx.evidence.exchange(exchange, ["no MCP revision says what a server answers here"]));
    }),
};
