/**
 * OpenSearch's `/_plugins/_ml/mcp` answers in JSON only, even to a request that asks only for an
 * SSE stream: a deviation its profile names (opensearch-json-only), reported as such. A stream
 * passes; anything but a JSON or SSE answer fails.
 * @see ../../../../openapi/streamable.yaml (/_plugins/_ml/mcp)
 */
import { fail, pass, type Check } from "../../check.js";
import { REF } from "../references.js";
import { inEachEra } from "../../streamable/era-probe.js";
import { deviationFor } from "../../run/profile-deviations.js";
import { describe, mediaType } from "../../streamable/streamable-exchange.js";

export const opensearchMcpJsonOnly: Check = {
  id: "opensearch-mcp-json-only",
  group: "opensearch",
  level: "MUST",
  title: "OpenSearch /_plugins/_ml/mcp: a request asking only for SSE is answered (JSON only is its named deviation)",
  reference: REF.opensearchStreamable,
  failureMeans:
    "A client that asks only for an event stream gets no usable answer. Answering JSON is OpenSearch's documented deviation and is reported as one; any other answer is a failure.",
  remedy:
    "Answer a POSTed request with 200 and either application/json (OpenSearch's behaviour) or text/event-stream; never 406 or an empty answer. If you can stream, honour an Accept that lists only text/event-stream.",
  profiles: ["opensearch"],
  transports: ["stateful", "stateless", "modern"],
  requires: [],
  run: (ctx) =>
    inEachEra(ctx, async (channel) => {
      const exchange = await channel.post({ jsonrpc: "2.0", id: 83, method: "tools/list" }, { headers: { Accept: "text/event-stream" } });
      const evidence = ctx.evidence.exchange(exchange, ["tools/list with Accept: text/event-stream alone"]);
      const type = mediaType(exchange);
      if (exchange.response?.status === 200 && type === "text/event-stream") return pass("answered with an SSE stream", evidence);
      if (exchange.response?.status === 200 && type === "application/json") {
        return deviationFor(ctx, "opensearch-json-only", "answered application/json to Accept: text/event-stream", evidence) ?? fail("answered JSON", evidence);
      }
      return fail(`got ${describe(exchange)}; want a 200 answer, JSON (OpenSearch) or SSE`, evidence);
    }),
};
