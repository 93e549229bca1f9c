/**
 * A session's replay buffer: the SSE events it sent, newest last, so a client that lost a
 * connection can resume that stream with `Last-Event-ID`. Bounded in count and bytes (the oldest
 * go first), so a busy session cannot grow without limit; made only when a session first streams,
 * and dropped once the session has been quiet for REPLAY_WINDOW_MS, so idle sessions hold none.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#resumability-and-redelivery
 */

/** At most this many events are kept per session. */
export const MAX_LOGGED_EVENTS = 128;
/** At most this many bytes of frames are kept per session. */
export const MAX_LOGGED_BYTES = 256 * 1024;
/**
 * A session with no open stream and no request for this long drops its buffer: a client that lost
 * a connection comes back after `retry` (a second), not minutes later.
 */
export const REPLAY_WINDOW_MS = 2 * 60_000;

interface LoggedEvent {
  readonly stream: number;
  readonly seq: number;
  readonly frame: string;
}

export class EventLog {
  private readonly events: LoggedEvent[] = [];
  private bytes = 0;

  /** Keeps `frame`, the event `seq` of `stream`, dropping the oldest events past the bounds. */
  add(stream: number, seq: number, frame: string): void {
    this.events.push({ stream, seq, frame });
    this.bytes += frame.length;
    while (this.events.length > MAX_LOGGED_EVENTS || (this.bytes > MAX_LOGGED_BYTES && this.events.length > 1)) {
      this.bytes -= this.events.shift()!.frame.length;
    }
  }

  /** The frames of `stream` sent after event `seq`, oldest first: never another stream's. */
  after(stream: number, seq: number): string[] {
    const frames: string[] = [];
    for (const event of this.events) {
      if (event.stream === stream && event.seq > seq) frames.push(event.frame);
    }
    return frames;
  }

  /** How many events are kept. */
  get size(): number {
    return this.events.length;
  }
}
