/**
 * Reads one `text/event-stream` answer with eventsource-parser (WHATWG event-stream
 * interpretation: CRLF, `data` lines joined, comments ignored, `id` and `retry` fields), bounded:
 * one event may be at most `maxEventBytes`, so a server cannot make the client buffer forever.
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */
import { createParser, type EventSourceMessage } from "eventsource-parser";
import { completeLinesAtCr } from "../whatwg-line-ends.js";
import { McpTransportError } from "../mcp-transport-error.js";

export interface SseHandlers {
  readonly onEvent: (event: EventSourceMessage) => void;
  /** The `retry` field: how long to wait before reconnecting, in ms. */
  readonly onRetry?: ((retryMs: number) => void) | undefined;
  readonly onComment?: ((comment: string) => void) | undefined;
  /** Checked after each chunk: true stops reading (the caller has what it waited for). */
  readonly done?: (() => boolean) | undefined;
  /**
   * Cancels the read when it fires. fetch's own abort does not always reach a body being read,
   * so the reader is cancelled here too.
   */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Resolves when the body ends or `done()` says so; rejects with `McpTransportError("too-large")`
 * past the bound, or with the read error (reset, abort). Always releases the body.
 */
export async function readSse(body: ReadableStream<Uint8Array>, url: URL, maxEventBytes: number, handlers: SseHandlers): Promise<void> {
  let sinceLastEvent = 0;
  const parser = createParser({
    onEvent: (event) => {
      sinceLastEvent = 0;
      handlers.onEvent(event);
    },
    onRetry: handlers.onRetry,
    onComment: (comment) => {
      sinceLastEvent = 0;
      handlers.onComment?.(comment);
    },
  });
  // A lone CR ending a read ends its line now (WHATWG), not when more bytes come.
  const feed = completeLinesAtCr(parser.feed);
  const decoder = new TextDecoder();
  const reader = body.getReader();
  const signal = handlers.signal;
  const onAbort = (): void => void reader.cancel(signal?.reason).catch(() => undefined);
  signal?.addEventListener("abort", onAbort, { once: true });
  if (signal?.aborted) onAbort();
  try {
    while (!handlers.done?.()) {
      const { done, value } = await reader.read();
      if (done) break;
      sinceLastEvent += value.byteLength;
      if (sinceLastEvent > maxEventBytes) {
        throw new McpTransportError("too-large", `An SSE event from ${url.href} passed ${maxEventBytes} bytes; the stream was closed.`);
      }
      feed(decoder.decode(value, { stream: true }));
    }
    feed(decoder.decode());
    if (signal?.aborted) throw signal.reason;
  } finally {
    signal?.removeEventListener("abort", onAbort);
    // Whatever is left is not ours to wait for; cancelling also closes the stream (cancellation).
    await reader.cancel().catch(() => undefined);
  }
}

/** Reads a non-stream body as text, at most `maxBytes`. */
export async function readBoundedText(response: Response, url: URL, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new McpTransportError("too-large", `The answer from ${url.href} declares ${declared} bytes, over ${maxBytes}.`);
  }
  if (!response.body) return "";
  const decoder = new TextDecoder();
  const reader = response.body.getReader();
  let text = "";
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > maxBytes) throw new McpTransportError("too-large", `The answer from ${url.href} passed ${maxBytes} bytes.`);
      text += decoder.decode(value, { stream: true });
    }
    return text + decoder.decode();
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

export function isEventStreamType(response: Response): boolean {
  return /^text\/event-stream\b/i.test(response.headers.get("content-type") ?? "");
}

export function isJsonType(response: Response): boolean {
  return /^application\/(?:[\w.+-]+\+)?json\b/i.test(response.headers.get("content-type") ?? "");
}
