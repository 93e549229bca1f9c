/**
 * Evidence for a request/answer pair: the POST as sent and answered, plus the tail of the session's
 * stream when the answer was due there (what arrived, or that nothing did).
 */
import type { Evidence } from "../report/model.js";
import type { CheckContext } from "../run/check-context.js";
import type { Answer, Session } from "../session/session.js";
import { escapeBytes } from "../wire/escape-bytes.js";
import { isResponse, messagesIn, parseJson } from "../protocol/jsonrpc-shape.js";

/** Evidence for one request/answer pair, with the stream tail when the answer was due on the stream. */
export function answerEvidence(ctx: CheckContext, session: Session, answer: Answer, notes: readonly string[] = []): Evidence {
  const base = ctx.evidence.exchange(answer.exchange);
  if (answer.via === "post-body") return withNotes(base, notes);
  const raw = session.stream.raw();
  const tail = raw.subarray(Math.max(0, raw.length - 600));
  return withNotes(
    { ...base, response: { ...base.response, streamExcerpt: `${raw.length > tail.length ? "…" : ""}${escapeBytes(tail, 600)}` } },
    notes,
  );
}

/** One line saying what came back: the error or result, or why nothing did. */
export function describeAnswer(answer: Answer): string {
  if (!answer.message) return answer.problem ?? "no answer";
  const where = answer.via === "post-body" ? "in the POST body" : "on the stream";
  return "error" in answer.message
    ? `error ${JSON.stringify(answer.message.error)} ${where}`
    : `result ${JSON.stringify(answer.message.result).slice(0, 200)} ${where}`;
}

function withNotes(evidence: Evidence, notes: readonly string[]): Evidence {
  return notes.length > 0 ? { ...evidence, notes: [...(evidence.notes ?? []), ...notes] } : evidence;
}

/**
 * The errors with id null that arrived since `mark` (on the stream) or in the POST body: what a
 * server sent instead, when the expected error never came. Described, not matched, because a
 * stray id-null error (say, an answer to a notification) must not be taken for the answer.
 */
export function idNullErrorsSince(session: Session, mark: number, answer: Answer): string | undefined {
  const inBody = parseBody(answer.exchange.response?.body.toString("utf8") ?? "");
  const seen = [...inBody, ...session.messages.slice(mark).flatMap((m) => messagesIn(m.value))].filter(
    (v) => isResponse(v) && "error" in v && (v.id === null || typeof v.id === "object"),
  );
  return seen.length > 0 ? seen.map((v) => JSON.stringify((v as { error: unknown }).error)).join(", ") : undefined;
}

function parseBody(text: string): unknown[] {
  const parsed = text.trim() === "" ? undefined : parseJson(text);
  return parsed ? messagesIn(parsed.value) : [];
}
