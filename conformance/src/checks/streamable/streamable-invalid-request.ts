/**
 * A JSON body that is not a JSON-RPC 2.0 request (`"jsonrpc": "1.0"`) is answered with -32600,
 * bearing the request's id or null, in each era; a 2xx is a warning (input not accepted).
 * @see https://www.jsonrpc.org/specification#error_object
 */
import type { Check } from "../../check.js";
import { REF } from "../references.js";
import { inEachEra } from "../../streamable/era-probe.js";
import { judgeError } from "../../streamable/jsonrpc-error-answer.js";

export const streamableInvalidRequest: Check = {
  id: "streamable-invalid-request",
  group: "streamable",
  level: "MUST",
  title: 'A request with "jsonrpc": "1.0" is answered with -32600 (an HTTP error status)',
  reference: REF.streamableErrors,
  failureMeans:
    "A body that is JSON but not JSON-RPC 2.0 is run, or refused without a JSON-RPC error, so a client with a serialization bug is not told what is wrong.",
  remedy:
    "Check that jsonrpc is exactly \"2.0\" and that method and id have valid types before dispatching; otherwise answer 400 with error -32600 (Invalid Request) and the request's id if it could be read, else id null.",
  profiles: "all",
  transports: ["stateful", "stateless", "modern"],
  requires: [],
  run: (ctx) =>
    inEachEra(ctx, async (channel) =>
      judgeError(ctx, await channel.post({ jsonrpc: "1.0", id: 71, method: "tools/list" }), {
        code: -32600,
        ids: [71, null],
        errorStatusExpected: true,
        note: 'tools/list with "jsonrpc": "1.0"',
      }),
    ),
};
