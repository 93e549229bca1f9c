/**
 * Every modern result says what kind of result it is (`resultType`), so a client can tell a
 * complete answer from one that needs input; `tools/list` is the request every server serves.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/index
 */
import { fail, pass, type Check } from "../../check.js";
import { REF } from "../references.js";
import { describe, isObject, mediaType, postModern, responseTo } from "../../streamable/streamable-exchange.js";

export const modernResultType: Check = {
  id: "modern-result-type",
  group: "modern",
  level: "MUST",
  title: "A tools/list result is one response with the request's id, in JSON or SSE, carrying resultType",
  reference: REF.modernResults,
  failureMeans:
    "2026-07-28 servers MUST put resultType on every result: clients read it to tell a complete answer from one that needs input (input_required), and a missing one is taken as \"complete\" (how a client treats a pre-2026 server), so a server that needs input cannot say so. An answer that is not one response bearing the request's id is not an answer at all.",
  remedy:
    "Put resultType on every result (\"complete\" for an ordinary answer), and answer a request with 200 and either one application/json response bearing its id or an SSE stream ending with it.",
  profiles: "all",
  transports: ["modern"],
  requires: [],
  async run(ctx) {
    const exchange = await postModern(ctx, { method: "tools/list", id: 8 });
    const evidence = ctx.evidence.exchange(exchange);
    const type = mediaType(exchange);
    if (exchange.response?.status !== 200 || (type !== "application/json" && type !== "text/event-stream")) {
      return fail(`tools/list got ${describe(exchange)}; want 200 application/json or text/event-stream`, evidence);
    }
    const result = responseTo(exchange, 8)?.["result"];
    if (!isObject(result)) return fail("no result bearing the request's id 8 came back", evidence);
    return typeof result["resultType"] === "string"
      ? pass(`resultType "${result["resultType"]}" (${type})`, evidence)
      : fail("the tools/list result has no resultType", evidence);
  },
};
