/**
 * Proving a negative without sleeping: to show nothing was sent for X, send a ping after X; the
 * server writes to a session's stream in order, so a stray response before the ping's answer (from
 * a mark taken before X) is one X caused. Stray means not the answer to a request this session
 * sent (a server may mirror answers it also gave in POST bodies onto the stream); server-initiated
 * notifications and requests (logging, list_changed) are not answers and do not count.
 */
import { isResponse, messagesIn } from "../protocol/jsonrpc-shape.js";
import type { Session, StreamMessage } from "../session/session.js";

/** Stream messages with a stray response, from `fromIndex` up to (not including) the answer with `answerId`. */
export function messagesBeforeAnswer(session: Session, fromIndex: number, answerId: string): StreamMessage[] {
  const rest = session.messages.slice(fromIndex);
  const at = rest.findIndex((m) => messagesIn(m.value).some((v) => isResponse(v) && v.id === answerId));
  return (at < 0 ? rest : rest.slice(0, at)).filter((m) => messagesIn(m.value).some((v) => isResponse(v) && !session.sentIds.has(v.id)));
}
