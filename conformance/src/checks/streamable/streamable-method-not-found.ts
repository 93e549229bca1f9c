/**
 * A method the server does not have is answered with -32601 bearing the request's id; on the
 * modern transport with HTTP 404 (a 2025 session may answer it with 200: it is a response).
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http
 */
import type { Check } from "../../check.js";
import { REF } from "../references.js";
import { inEachEra } from "../../streamable/era-probe.js";
import { judgeError } from "../../streamable/jsonrpc-error-answer.js";

const METHOD = "mcp-contract/no-such-method";

export const streamableMethodNotFound: Check = {
  id: "streamable-method-not-found",
  group: "streamable",
  level: "MUST",
  title: "An unknown method is answered with -32601 (modern: HTTP 404)",
  reference: REF.streamableErrors,
  failureMeans:
    "A client probing for a method cannot tell \"not implemented\" from a failure; on the modern transport a status other than 404 also breaks the way clients tell a missing method from a broken request.",
  remedy:
    "Answer an unknown method with error -32601 and the request's id: in a 2025 session with 200 (it is a normal JSON-RPC response), on the 2026-07-28 transport with HTTP 404.",
  profiles: "all",
  transports: ["stateful", "stateless", "modern"],
  requires: [],
  run: (ctx) =>
    inEachEra(ctx, async (channel) =>
      judgeError(ctx, await channel.post({ jsonrpc: "2.0", id: 72, method: METHOD }), {
        code: -32601,
        ids: [72],
        ...(channel.era === "modern" && { status: 404 }),
        note: `${METHOD}, a method no server has`,
      }),
    ),
};
