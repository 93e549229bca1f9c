/**
 * Reads an answer's body without trusting the server: at most `maxBytes`, stopping as soon as the
 * caller has what it needs (an SSE event it waits for), and ending when the step's signal fires.
 * A probe must never hang on, or be flooded by, a server it does not know yet.
 */
import { createParser, type EventSourceMessage } from "eventsource-parser";
import { completeLinesAtCr } from "../whatwg-line-ends.js";

export interface BoundedBody {
  /** The text read, at most `maxBytes` of it. */
  readonly text: string;
  /** The server sent more than `maxBytes`, or the reader stopped early on `stopAt`. */
  readonly incomplete: boolean;
  /** The SSE events parsed, when the body is `text/event-stream`. */
  readonly events: readonly EventSourceMessage[];
  /** Why reading stopped before the body ended (time bound, reset); undefined when it ended or `stopAt` matched. */
  readonly failure: string | undefined;
}

export interface ReadBoundedOptions {
  readonly maxBytes: number;
  /** For event streams: stop reading once an event satisfies this. */
  readonly stopAt?: ((event: EventSourceMessage) => boolean) | undefined;
  /** The step's signal: its firing ends the read with a failure. */
  readonly signal: AbortSignal;
}

export function isEventStream(response: Response): boolean {
  return /^text\/event-stream\b/i.test(response.headers.get("content-type") ?? "");
}

/** Reads `response`'s body under the bounds; never throws. Cancels the body when it stops early. */
export async function readBoundedBody(response: Response, options: ReadBoundedOptions): Promise<BoundedBody> {
  const events: EventSourceMessage[] = [];
  let stopped = false;
  const parser = isEventStream(response)
    ? createParser({
        onEvent: (event) => {
          if (stopped) return;
          events.push(event);
          if (options.stopAt?.(event)) stopped = true;
        },
      })
    : undefined;
  // A lone CR ending a read ends its line now (WHATWG), not when more bytes come.
  const feed = parser && completeLinesAtCr(parser.feed);
  const decoder = new TextDecoder();
  let text = "";
  let bytes = 0;
  let incomplete = false;
  let failure: string | undefined;
  const reader = response.body?.getReader();
  if (!reader) return { text, incomplete, events, failure };
  const onAbort = (): void => void reader.cancel().catch(() => undefined);
  options.signal.addEventListener("abort", onAbort, { once: true });
  try {
    while (!stopped) {
      if (options.signal.aborted) throw options.signal.reason;
      const { done, value } = await reader.read();
      if (done) break;
      const room = options.maxBytes - bytes;
      const chunk = value.byteLength > room ? value.subarray(0, room) : value;
      bytes += chunk.byteLength;
      const decoded = decoder.decode(chunk, { stream: true });
      text += decoded;
      feed?.(decoded);
      if (chunk.byteLength < value.byteLength || bytes >= options.maxBytes) {
        incomplete = !stopped;
        break;
      }
    }
    if (stopped) incomplete = true;
  } catch (cause) {
    failure = options.signal.aborted ? describeAbort(options.signal.reason) : describe(cause);
  } finally {
    options.signal.removeEventListener("abort", onAbort);
    // Whatever is left unread is not ours to wait for: release the connection now.
    await reader.cancel().catch(() => undefined);
  }
  return { text, incomplete, events, failure };
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return `${error.message}${cause}`;
  }
  return String(error);
}

function describeAbort(reason: unknown): string {
  return reason instanceof Error && reason.name === "TimeoutError" ? reason.message : `aborted: ${describe(reason)}`;
}
