/**
 * Bounds what an upstream's answer can make the gateway hold, for the MCP SDK's SSE transport
 * (which reads whatever it is given): one event of an event stream, or a whole other body, may be
 * at most `maxBytes`; past it the body errors and is cancelled, which closes its socket. It also
 * tells when an event stream ends or breaks, which the SDK would answer by reconnecting while the
 * calls in flight wait for their timeout. (`@mcp-contract/client` bounds its answers itself, with
 * `maxMessageBytes`.)
 */

/** An upstream answer (or one event of its stream) passed the configured bound. */
export class UpstreamAnswerTooLarge extends Error {
  override readonly name = "UpstreamAnswerTooLarge";

  constructor(readonly maxBytes: number) {
    super(`an answer of the upstream passed ${maxBytes} bytes (--max-upstream-answer-bytes); its stream was closed`);
  }
}

/** The upstream ended (or broke) its event stream by itself. */
export class UpstreamStreamEnded extends Error {
  override readonly name = "UpstreamStreamEnded";
}

export interface AnswerBounds {
  readonly maxBytes: number;
  /** Called once when an event stream ends, breaks or is cut here, not when the reader cancels it. */
  readonly onStreamEnd: (reason: Error) => void;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * Counts the bytes of the event being received: an event ends at a blank line (LF, CR or CRLF
 * line ends, as the event-stream format allows), so a long-lived stream of small events never
 * reaches the bound while one huge event does.
 */
function eventCounter(): (chunk: Uint8Array) => number {
  let eventBytes = 0;
  let lineBytes = 0;
  let afterCr = false;
  return (chunk) => {
    let largest = 0;
    for (const byte of chunk) {
      if (byte === LF && afterCr) {
        afterCr = false;
        continue;
      }
      afterCr = byte === CR;
      if (byte === LF || byte === CR) {
        if (lineBytes === 0) eventBytes = 0;
        lineBytes = 0;
        continue;
      }
      lineBytes++;
      eventBytes++;
      if (eventBytes > largest) largest = eventBytes;
    }
    return largest;
  };
}

/** `response` with its body bounded (and its end reported, for an event stream). */
export function boundAnswer(response: Response, bounds: AnswerBounds): Response {
  const source = response.body;
  if (!source) return response;
  const isStream = (response.headers.get("content-type") ?? "").toLowerCase().startsWith("text/event-stream");
  const count = isStream ? eventCounter() : undefined;
  let total = 0;
  let ended = false;
  const end = (reason: Error): void => {
    if (ended) return;
    ended = true;
    if (isStream) bounds.onStreamEnd(reason);
  };
  const reader = source.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await reader.read();
      } catch (error) {
        end(new UpstreamStreamEnded("the upstream's event stream broke", { cause: error }));
        controller.error(error);
        return;
      }
      if (chunk.done) {
        end(new UpstreamStreamEnded("the upstream closed its event stream"));
        controller.close();
        return;
      }
      total += chunk.value.byteLength;
      const size = count ? count(chunk.value) : total;
      if (size > bounds.maxBytes) {
        const tooLarge = new UpstreamAnswerTooLarge(bounds.maxBytes);
        end(tooLarge);
        controller.error(tooLarge);
        await reader.cancel(tooLarge).catch(() => undefined);
        return;
      }
      controller.enqueue(chunk.value);
    },
    cancel(reason) {
      // The reader's own choice (the transport closing): nothing to report.
      ended = true;
      return reader.cancel(reason);
    },
  });
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}
