/**
 * Opens an SSE stream with fetch and lets a test wait for events on it, keeping the raw bytes for
 * assertions about framing. Parsing is eventsource-parser's, so tests check the server, not a
 * hand-rolled parser.
 */
import { createParser, type EventSourceMessage } from "eventsource-parser";

export interface SseEvent {
  readonly event: string;
  readonly data: string;
  readonly id?: string | undefined;
}

export interface SseStream extends AsyncDisposable {
  readonly response: Response;
  /** Every event seen so far, in order. */
  readonly events: readonly SseEvent[];
  /** Every comment seen so far (keep-alives), without the colon and the space after it. */
  readonly comments: readonly string[];
  /** The raw text received so far. */
  raw(): string;
  /** Resolves with the first event (seen or yet to come) that matches; rejects after `timeoutMs`. */
  waitFor(predicate: (event: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  /** Resolves once the server ends the stream. */
  readonly ended: Promise<void>;
  close(): void;
}

export async function openSseStream(
  url: string,
  init: { headers?: Record<string, string>; timeoutMs?: number; method?: string; body?: string } = {},
): Promise<SseStream> {
  const controller = new AbortController();
  const response = await fetch(url, {
    // A POST whose answer is a stream (Streamable HTTP) is read the same way as a GET stream.
    method: init.method ?? "GET",
    ...(init.body === undefined ? {} : { body: init.body }),
    headers: { accept: "text/event-stream", ...init.headers },
    signal: AbortSignal.any([controller.signal, AbortSignal.timeout(init.timeoutMs ?? 60_000)]),
  });
  const events: SseEvent[] = [];
  const comments: string[] = [];
  let raw = "";
  const waiters = new Set<() => void>();
  const notify = (): void => {
    for (const waiter of waiters) waiter();
  };
  const parser = createParser({
    onEvent: (message: EventSourceMessage) => {
      events.push({ event: message.event ?? "message", data: message.data, id: message.id });
      notify();
    },
    onComment: (comment) => {
      comments.push(comment);
      notify();
    },
  });

  let endedFlag = false;
  const ended = (async () => {
    if (!response.body) return;
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body) {
        const text = decoder.decode(chunk as Uint8Array, { stream: true });
        raw += text;
        parser.feed(text);
      }
    } catch {
      // Aborted by close() or the time bound: the stream is over either way.
    } finally {
      endedFlag = true;
      notify();
    }
  })();

  function waitFor(predicate: (event: SseEvent) => boolean, timeoutMs = 10_000): Promise<SseEvent> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = events.find(predicate);
        if (found) {
          done();
          resolve(found);
          return true;
        }
        if (endedFlag) {
          done();
          reject(new Error(`SSE stream ended before the expected event. Raw stream:\n${raw}`));
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`No matching SSE event in ${timeoutMs} ms. Raw stream:\n${raw}`));
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        waiters.delete(listener);
      };
      const listener = (): void => {
        check();
      };
      if (!check()) waiters.add(listener);
    });
  }

  const close = (): void => controller.abort();
  return {
    response,
    events,
    comments,
    raw: () => raw,
    waitFor,
    ended,
    close,
    [Symbol.asyncDispose]: async () => {
      close();
      await ended;
    },
  };
}
