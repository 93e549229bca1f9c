/**
 * Valid JSON that is not a JSON-RPC request is answered with -32600, for each way of getting the
 * envelope wrong. The id of the answer is null, or the request's id where it could be read.
 */
import { fail, pass, type Check } from "../../check.js";
import type { Evidence } from "../../report/model.js";
import { answerEvidence, describeAnswer, idNullErrorsSince } from "../answer-evidence.js";
import { REF } from "../references.js";

/** Each invalid envelope: its name in the report, the body, and the id a server may echo. */
export const INVALID_KINDS: readonly { readonly kind: string; readonly body: string; readonly id?: string }[] = [
  { kind: "missing jsonrpc", body: '{"id":"invalid-1","method":"ping"}', id: "invalid-1" },
  { kind: 'jsonrpc "1.0"', body: '{"jsonrpc":"1.0","id":"invalid-2","method":"ping"}', id: "invalid-2" },
  { kind: "non-object 42", body: "42" },
  { kind: "id of a wrong type {}", body: '{"jsonrpc":"2.0","id":{},"method":"ping"}' },
  { kind: "empty batch []", body: "[]" },
];

export const jsonrpcInvalidRequest: Check = {
  id: "jsonrpc-invalid-request",
  group: "jsonrpc",
  level: "MUST",
  title: 'Invalid envelopes (no jsonrpc, jsonrpc "1.0", 42, id {}, []) are each answered with -32600',
  reference: REF.jsonrpcErrorObject,
  failureMeans:
    "Valid JSON that is not a JSON-RPC request (no jsonrpc member, jsonrpc \"1.0\", a bare number, an object as id, an empty batch) is run anyway, dropped silently or answered with another code, so a client with a serialization bug is never told what is wrong.",
  remedy:
    "Check the envelope before dispatching: the message is an object (or a non-empty array of them), jsonrpc is exactly \"2.0\", method is a string, id is a string, a number or null. Answer each violation with error -32600 (Invalid Request), with the request's id when a valid one could be read and id null otherwise; [] gets one -32600 with id null.",
  profiles: "all",
  requires: ["post-request-accepted"],
  async run(ctx) {
    const failures: string[] = [];
    let evidence: Evidence | undefined;
    for (const { kind, body, id } of INVALID_KINDS) {
      // A session per kind: a server that ends the session on a bad message must not make the next kinds fail too.
      const session = await ctx.openSession({ initialize: true });
      const mark = session.messages.length;
      // A result or error for the request's own id is its answer; an id-null error counts only with
      // the right code, since a stray one (say, for a notification) must not be taken for it.
      const answer = await session.request(body, {
        match: (r) => (id !== undefined && r.id === id) || ("error" in r && r.error.code === -32600 && (r.id === null || JSON.stringify(r.id) === "{}")),
      });
      const message = answer.message;
      const instead = message ? undefined : idNullErrorsSince(session, mark, answer);
      const problem = !message
        ? `${describeAnswer(answer)}${instead ? ` (id-null errors seen instead: ${instead})` : ""}`
        : "result" in message
          ? "answered as if valid (a result)"
          : message.error.code !== -32600
            ? `code ${JSON.stringify(message.error.code)}`
            : undefined;
      if (problem) {
        failures.push(`${kind}: ${problem}`);
        evidence ??= answerEvidence(ctx, session, answer);
      }
    }
    if (failures.length > 0) return fail(`${failures.length} of ${INVALID_KINDS.length} kinds not answered with -32600: ${failures.join("; ")}`, evidence);
    return pass(`all ${INVALID_KINDS.length} kinds answered with -32600`);
  },
};
