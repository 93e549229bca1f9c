/**
 * A body that is not JSON is answered with JSON-RPC error -32700 bearing id null, in each era;
 * input the server cannot accept gets an HTTP error status (a 2xx is a warning).
 * @see https://www.jsonrpc.org/specification#error_object
 */
import type { Check } from "../../check.js";
import { REF } from "../references.js";
import { inEachEra } from "../../streamable/era-probe.js";
import { judgeError } from "../../streamable/jsonrpc-error-answer.js";

const TRUNCATED = '{"jsonrpc":"2.0","id":1,"method":"tools/list"';

export const streamableParseError: Check = {
  id: "streamable-parse-error",
  group: "streamable",
  level: "MUST",
  title: "An unparseable body is answered with -32700 and id null (an HTTP error status)",
  reference: REF.streamableErrors,
  failureMeans:
    "A client that sent a broken body gets no JSON-RPC error, or gets 200 as if the input had been accepted, so it cannot tell its own bug from the server's.",
  remedy:
    "When the body is not JSON, answer an HTTP error status (400) with the body {\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error\"}}.",
  profiles: "all",
  transports: ["stateful", "stateless", "modern"],
  requires: [],
  run: (ctx) =>
    inEachEra(ctx, async (channel) =>
      judgeError(ctx, await channel.post(TRUNCATED), { code: -32700, ids: [null], errorStatusExpected: true, note: "a POST whose body is truncated JSON" }),
    ),
};
