/**
 * One SSE stream of a legacy Streamable HTTP session: the answer stream of a POST, or the
 * session's standalone GET stream. The stream outlives its connection: events sent while no
 * connection is attached are only logged, and a GET with `Last-Event-ID` attaches a new
 * connection after replaying what it missed. Every event gets an id unique in the session
 * (`<stream>:<seq>`), so a resumption finds its own stream and no other.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#resumability-and-redelivery
 */
import type { ServerResponse } from "node:http";
import type { ServerMessage } from "@mcp-contract/api-types";
import type { KeepAlive } from "../sse/keep-alive.js";
import { SseChannel } from "../sse/sse-channel.js";
import { STREAM_HEADERS } from "../sse/sse-format.js";
import { formatEventId } from "./legacy-headers.js";
import type { StreamableSession } from "./streamable-session.js";

/** The revisions whose SSE streams start with a priming event (an id and empty data) and `retry`. */
const PRIMED_REVISIONS: readonly string[] = ["2025-11-25"];

/** How long a client waits before reconnecting a dropped stream, sent as `retry` (ms). */
export const RETRY_MS = 1000;

export class SessionStream {
  /** Set once the answer was sent (a POST stream) or the session ended; no event follows. */
  done = false;
  private channel: SseChannel | undefined = undefined;

  constructor(
    readonly session: StreamableSession,
    readonly no: number,
    /** The standalone GET stream (carries no responses), rather than a POST's answer. */
    readonly standalone: boolean,
    private readonly keepAlive: KeepAlive,
  ) {}

  /** Whether a connection is attached. */
  get attached(): boolean {
    return this.channel !== undefined;
  }

  /**
   * Makes `res` this stream's connection: sends the 200 and the stream headers, then `replay`
   * (what a resumed client missed), and under 2025-11-25 a fresh stream's priming event. A
   * connection already attached is ended first, so no event is written to two connections.
   */
  attach(res: ServerResponse, replay: readonly string[], prime: boolean): void {
    this.handOver();
    const channel = new SseChannel(res);
    this.channel = channel;
    res.writeHead(200, STREAM_HEADERS);
    res.once("close", () => {
      if (this.channel === channel) this.detach();
    });
    this.keepAlive.add(channel);
    const priming = prime && this.primed();
    if (priming) channel.write(`id: ${formatEventId(this.no, this.session.nextSeq())}\nretry: ${RETRY_MS}\ndata:\n\n`);
    for (const frame of replay) channel.write(frame);
    // Nothing written (no priming, nothing to replay): send the head now, or the client would not
    // see its 200 until the first event or keep-alive (writeHead only stores it).
    if (!priming && replay.length === 0) res.flushHeaders();
    if (this.done) this.detach();
  }

  /** Sends `message` as the next event of this stream (logged for replay); dropped once done. */
  send(message: ServerMessage): void {
    if (this.done) return;
    const seq = this.session.nextSeq();
    const frame = `id: ${formatEventId(this.no, seq)}\nevent: message\ndata: ${JSON.stringify(message)}\n\n`;
    this.session.eventLog().add(this.no, seq, frame);
    this.channel?.write(frame);
  }

  /** Ends the stream for good: its connection, if any, ends cleanly after what was written. */
  finish(): void {
    this.done = true;
    this.detach();
  }

  /**
   * Ends the current connection while the stream goes on elsewhere; under 2025-11-25 it says
   * `retry` first, as the spec asks of a server that closes a connection before the stream ends.
   */
  handOver(): void {
    if (this.channel && this.primed()) this.channel.write(`retry: ${RETRY_MS}\n\n`);
    this.detach();
  }

  private primed(): boolean {
    return PRIMED_REVISIONS.includes(this.session.protocolVersion ?? "");
  }

  /** Lets go of the connection (ended cleanly); the stream itself goes on. */
  detach(): void {
    const channel = this.channel;
    if (!channel) return;
    this.channel = undefined;
    this.keepAlive.delete(channel);
    channel.end();
  }
}
