/**
 * Reads a `text/event-stream` body to its end with eventsource-parser, calling back per event and
 * per comment. Comments are where servers put keep-alives (`: ping`).
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */
import { createParser, type EventSourceMessage } from "eventsource-parser";

export interface EventStreamHandlers {
  readonly onEvent: (event: EventSourceMessage) => void;
  readonly onComment: (comment: string) => void;
}

/** Resolves when the server ends the body; rejects when reading fails (reset, abort). */
export async function readEventStream(body: ReadableStream<Uint8Array>, handlers: EventStreamHandlers): Promise<void> {
  const parser = createParser({ onEvent: handlers.onEvent, onComment: handlers.onComment });
  const decoder = new TextDecoder();
  for await (const chunk of body) parser.feed(decoder.decode(chunk, { stream: true }));
  parser.feed(decoder.decode());
}
