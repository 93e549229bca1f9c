/**
 * What the server does with a request whose `Accept` lists `application/json` only. Clients must
 * list both types, but no revision says what a server does when one does not: SDK v1 answers 406,
 * others answer in JSON. An observation, in each era, never a pass or a failure.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#sending-messages-to-the-server
 */
import { observe, type Check } from "../../check.js";
import { REF } from "../references.js";
import { inEachEra } from "../../streamable/era-probe.js";
import { describe } from "../../streamable/streamable-exchange.js";

export const streamableAcceptJsonOnly: Check = {
  id: "streamable-accept-json-only",
  group: "streamable",
  level: "INFO",
  title: "What a request with Accept: application/json alone gets (406, or a JSON answer: no revision says)",
  reference: REF.streamableUnspecified,
  failureMeans:
    "Nothing fails: no revision says what a server answers to a request whose Accept lists only application/json. Clients must list both types; the observation shows what a client that does not will get (the SDK v1 answers 406).",
  remedy:
    "No change is required. Answering in JSON, which the client said it accepts, is the most useful choice; if you refuse, answer 406 with a JSON-RPC error body that says Accept must list application/json and text/event-stream.",
  profiles: "all",
  transports: ["stateful", "stateless", "modern"],
  requires: [],
  run: (ctx) =>
    inEachEra(ctx, async (channel) => {
      const exchange = await channel.post({ jsonrpc: "2.0", id: 76, method: "tools/list" }, { headers: { Accept: "application/json" } });
      return observe(`Accept: application/json alone got ${describe(exchange)}`, ctx.evidence.exchange(exchange, ["no MCP revision says what a server answers here"]));
    }),
};
