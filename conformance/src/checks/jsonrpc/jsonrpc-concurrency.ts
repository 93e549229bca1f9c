/** Many requests in flight at once on one session are each answered once, with the right id. */
import { fail, pass, type Check } from "../../check.js";
import { rpcRequest } from "../../protocol/messages.js";
import { isResponse, messagesIn } from "../../protocol/jsonrpc-shape.js";
import { answerEvidence } from "../answer-evidence.js";
import { REF } from "../references.js";

const CONCURRENT = 50;

export const jsonrpcConcurrency: Check = {
  id: "jsonrpc-concurrency",
  group: "jsonrpc",
  level: "MUST",
  title: `${CONCURRENT} concurrent pings with distinct ids are each answered once, ids matched`,
  reference: REF.jsonrpcResponse,
  failureMeans:
    "Clients that send requests in parallel (listing tools while a call runs, say) lose answers, get some twice, or get them swapped, so calls hang or return another call's result. The usual causes are one shared current-request variable, or a transport that handles one message at a time and drops the rest.",
  remedy:
    "Keep per-request state keyed by id (a Map from id to pending work) instead of one shared slot, answer each request exactly once, and let the transport accept new POSTs while earlier requests are still running.",
  profiles: "all",
  requires: ["post-request-accepted"],
  async run(ctx) {
    const session = await ctx.openSession({ initialize: true });
    const mark = session.messages.length;
    const ids = Array.from({ length: CONCURRENT }, (_, i) => `concurrent-${i}`);
    const answers = await Promise.all(ids.map((id) => session.request(rpcRequest(id, "ping"))));
    const missing = ids.filter((_, i) => !answers[i]?.message);
    if (missing.length > 0) {
      const first = answers.find((a) => !a.message);
      return fail(
        `${missing.length} of ${CONCURRENT} concurrent pings got no answer (${missing.slice(0, 5).join(", ")}${missing.length > 5 ? ", …" : ""}): ${first?.problem}`,
        first ? answerEvidence(ctx, session, first) : undefined,
      );
    }
    const counts = new Map<unknown, number>();
    for (const message of session.messages.slice(mark)) {
      for (const value of messagesIn(message.value)) if (isResponse(value)) counts.set(value.id, (counts.get(value.id) ?? 0) + 1);
    }
    const repeated = ids.filter((id) => (counts.get(id) ?? 0) > 1);
    if (repeated.length > 0) return fail(`${repeated.length} pings were answered more than once (${repeated.slice(0, 5).join(", ")})`);
    const errors = answers.filter((a) => a.message && "error" in a.message);
    if (errors.length > 0) return fail(`${errors.length} concurrent pings were answered with errors, first: ${JSON.stringify(errors[0]?.message)}`);
    return pass(`${CONCURRENT} answers, one per id`);
  },
};
