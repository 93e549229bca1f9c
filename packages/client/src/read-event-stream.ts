/**
 * Reads a `text/event-stream` body to its end with eventsource-parser, calling back per event and
 * per comment. Comments are where servers put keep-alives (`: ping`).
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */
import { createParser, type EventSourceMessage } from "eventsource-parser";
import { completeLinesAtCr } from "./whatwg-line-ends.js";

export interface EventStreamHandlers {
  readonly onEvent: (event: EventSourceMessage) => void;
  readonly onComment: (comment: string) => void;
}

/**
 * Resolves when the server ends the body, or once `signal` fires; rejects when reading fails
 * (reset). The reader is cancelled on abort instead of waiting for fetch's own abort to reach the
 * body, which does not always happen: a closed session must not wait on its stream.
 */
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  handlers: EventStreamHandlers,
  signal?: AbortSignal,
): Promise<void> {
  const parser = createParser({ onEvent: handlers.onEvent, onComment: handlers.onComment });
  // A lone CR ending a read ends its line now (WHATWG), not when more bytes come.
  const feed = completeLinesAtCr(parser.feed);
  const decoder = new TextDecoder();
  const reader = body.getReader();
  const onAbort = (): void => void reader.cancel(signal?.reason).catch(() => undefined);
  signal?.addEventListener("abort", onAbort, { once: true });
  if (signal?.aborted) onAbort();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      feed(decoder.decode(value, { stream: true }));
    }
    feed(decoder.decode());
  } finally {
    signal?.removeEventListener("abort", onAbort);
  }
}
