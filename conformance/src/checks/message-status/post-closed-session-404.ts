/**
 * Once the client closes the stream, the session is gone: a POST to its endpoint answers 404. The
 * server learns of the close asynchronously and there is no event to wait on from outside, so the
 * POST is retried (with a growing pause) until it answers 404 or the wait bound passes.
 */
import { fail, pass, type Check } from "../../check.js";
import { rpcRequest } from "../../protocol/messages.js";
import { delay } from "../../wire/notifier.js";
import type { Exchange } from "../../wire/http-exchange.js";
import { REF } from "../references.js";

const MAX_ATTEMPTS = 40;

export const postClosedSession404: Check = {
  id: "post-closed-session-404",
  group: "message-status",
  level: "MUST",
  title: "After the stream is closed, a POST to its endpoint answers 404",
  reference: REF.sessionNotFound,
  failureMeans:
    "Sessions outlive their streams: a message sent after the client disconnected is accepted and answered into nothing, the server keeps state for every closed connection, and the client is never told to reconnect.",
  remedy:
    "Delete the session when its stream closes (in Node, on the response's close event), so later POSTs naming it get 404 like any unknown session.",
  profiles: ["generic", "spice", "opensearch"],
  requires: ["endpoint-session-id", "endpoint-resolves"],
  async run(ctx) {
    const session = await ctx.openSession();
    session.close();
    const until = performance.now() + ctx.timeoutMs;
    const statuses: string[] = [];
    let last: Exchange | undefined;
    for (let attempt = 0; attempt < MAX_ATTEMPTS && performance.now() < until && !ctx.signal.aborted; attempt++) {
      last = await session.post(rpcRequest(`closed-session-${attempt}`, "ping"));
      const status = last.response?.status;
      statuses.push(status === undefined ? (last.error ?? "no answer") : String(status));
      if (status === 404) return pass(`404 after ${attempt + 1} attempt(s) once the stream closed`);
      await delay(Math.min(25 * 2 ** attempt, 250, Math.max(0, until - performance.now())), ctx.signal);
    }
    return fail(
      `no 404 within ${ctx.timeoutMs} ms after the stream closed (answers: ${statuses.join(", ")}); the session must end with its stream`,
      last ? ctx.evidence.exchange(last) : undefined,
    );
  },
};
