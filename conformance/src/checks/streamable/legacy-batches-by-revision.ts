/**
 * JSON-RPC batches by revision. 2025-03-26 allows a batch in a POST body: one holding requests is
 * answered with a response to each (as JSON or SSE). 2025-06-18 removed batches; what a server
 * must do with one is then only the general rule: input it does not accept gets an HTTP error
 * status, never a 2xx that pretends to answer. A batch of notifications probes it (the rule names
 * notifications), in the session the check opened; a 2025-03-26 session is opened for the first part.
 * @see https://modelcontextprotocol.io/specification/2025-03-26/basic/transports#sending-messages-to-the-server
 * @see https://modelcontextprotocol.io/specification/2025-06-18/basic/transports#sending-messages-to-the-server
 */
import { BATCH_PROTOCOL_VERSIONS } from "@mcp-contract/api-types";
import { fail, pass, type Verdict } from "../../check.js";
import type { CheckContext } from "../../run/check-context.js";
import { REF } from "../references.js";
import { deviationFor } from "../../run/profile-deviations.js";
import { legacyCheck, type LegacySession } from "../../streamable/legacy-check.js";
import { describe, isObject, messagesOf, openLegacy, postLegacy } from "../../streamable/streamable-exchange.js";

const BATCH_REVISION = "2025-03-26";
const BATCHED_IDS = [51, 52];

export const legacyBatchesByRevision = legacyCheck({
  id: "legacy-batches-by-revision",
  level: "MUST",
  title: "2025-03-26 answers each request of a batch; later revisions refuse a batch they do not take with an HTTP error status",
  reference: REF.streamableBatches,
  failureMeans:
    "A 2025-03-26 client that batches requests gets some answered and others not; under 2025-06-18 and later, a batch the server does not take is answered with a 2xx that pretends to answer it, so the client waits for responses that never come.",
  remedy:
    "For sessions on 2025-03-26, answer every request of a batch array (one response per id, as a JSON array or on the SSE stream). For later revisions, either refuse a batch with an HTTP error status (400 with a -32600 error) or, for a batch of notifications you accept, answer 202 with no body; never answer 200 that leaves requests unanswered.",
  transports: ["stateful", "stateless"],
  async run(ctx, opened) {
    const notes: string[] = [];
    const old = await openLegacy(ctx, {}, BATCH_REVISION);
    if ("problem" in old) return fail(`initialize asking for ${BATCH_REVISION}: ${old.problem}`, ctx.evidence.exchange(old.exchange));
    if (BATCH_PROTOCOL_VERSIONS.includes(old.version)) {
      const verdict = await batchAnswered(ctx, old);
      if (verdict.outcome !== "pass") return verdict;
      notes.push(verdict.message);
    } else notes.push(`asked for ${BATCH_REVISION}, the server chose ${old.version}: no batch revision to check`);
    const session = BATCH_PROTOCOL_VERSIONS.includes(opened.version) ? undefined : opened;
    if (!session) return pass(notes.join("; "));
    const cancel = (requestId: number) => ({ jsonrpc: "2.0", method: "notifications/cancelled", params: { requestId, reason: "mcp-contract batch probe" } });
    const exchange = await postLegacy(ctx, session, [cancel(999_998), cancel(999_999)]);
    const status = exchange.response?.status;
    const evidence = ctx.evidence.exchange(exchange, [`a batch of two notifications in a ${session.version} session`, ...notes]);
    if (status !== undefined && status >= 400) return pass(`${notes.join("; ")}; a ${session.version} session refused the batch with ${status}`, evidence);
    if (status === 202 && exchange.response?.bodyBytes === 0) return pass(`${notes.join("; ")}; a ${session.version} session accepted the batch (202, no body)`, evidence);
    const seen = `a batch in a ${session.version} session (which has no batches) got ${describe(exchange)}`;
    if (status === 200) {
      const known = deviationFor(ctx, "opensearch-errors-in-200", seen, evidence);
      if (known) return known;
    }
    return fail(`${seen}: neither refused with an HTTP error status nor accepted with 202 and no body`, evidence);
  },
});

/** A batch of two requests in a 2025-03-26 session: a response to each, whatever the framing. */
async function batchAnswered(ctx: CheckContext, session: LegacySession): Promise<Verdict> {
  const batch = BATCHED_IDS.map((id) => ({ jsonrpc: "2.0", id, method: "tools/list" }));
  const exchange = await postLegacy(ctx, session, batch);
  const evidence = ctx.evidence.exchange(exchange, [`a batch of two requests in a ${session.version} session`]);
  const answered = new Set(
    messagesOf(exchange)
      .flatMap((message) => (Array.isArray(message) ? message : [message]))
      .filter((m) => isObject(m) && ("result" in m || "error" in m))
      .map((m) => (m as Record<string, unknown>)["id"]),
  );
  const missing = BATCHED_IDS.filter((id) => !answered.has(id));
  if (exchange.response?.status === 200 && missing.length === 0) return pass(`a ${session.version} batch of two requests got both responses`, evidence);
  return fail(`a batch in a ${session.version} session got ${describe(exchange)}${missing.length > 0 ? `, with no response to ${missing.join(" and ")}` : ""}; 2025-03-26 answers each request of a batch`, evidence);
}
