/**
 * A server that speaks only 2026-07-28 answers the old transport's GET with 405, so a 2025 client
 * learns at once that there is no stream to open. A dual-era server (2025 Streamable HTTP, or an
 * HTTP+SSE stream on the same path) serves GET; it is skipped.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http
 */
import { fail, pass, skip, type Check } from "../../check.js";
import { REF } from "../references.js";
import { describe } from "../../streamable/streamable-exchange.js";

export const modernOnlyGet405: Check = {
  id: "modern-only-get-405",
  group: "modern",
  level: "SHOULD",
  title: "A modern-only server answers GET with 405",
  reference: REF.modernBackwardCompatibility,
  failureMeans:
    "A 2025 client opening the old GET stream at a modern-only server gets a hang or an unclear answer instead of learning at once that there is no stream here.",
  remedy:
    "On a server that speaks only 2026-07-28, answer GET (and DELETE) on the MCP endpoint with 405 Method Not Allowed and Allow: POST; ignore Mcp-Session-Id and Last-Event-ID.",
  profiles: "all",
  transports: ["modern"],
  requires: [],
  async run(ctx) {
    if (ctx.target.kinds.length > 1) return skip(`a dual-era server serves the ${ctx.target.kinds.includes("http+sse") ? "HTTP+SSE" : "2025"} GET stream`);
    const exchange = await ctx.http({ method: "GET", url: ctx.sseUrl, headers: { Accept: "text/event-stream" }, timeoutMs: ctx.timeoutMs });
    const evidence = ctx.evidence.exchange(exchange);
    return exchange.response?.status === 405 ? pass("GET got 405", evidence) : fail(`GET got ${describe(exchange)}, not 405`, evidence);
  },
};
