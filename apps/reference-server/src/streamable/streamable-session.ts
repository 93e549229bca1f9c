/**
 * The state of one legacy Streamable HTTP session (2025-03-26, 2025-06-18, 2025-11-25) beside the
 * MCP state every Session has: when it was last used, how many of its requests are being
 * answered, its open streams, the event counter that makes event ids unique in the session, and
 * the replay buffer. Streams and the buffer are made on first use, so an idle session is a dozen
 * fields.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#session-management
 */
import type { ServerMessage } from "@mcp-contract/api-types";
import { Session } from "../session/session.js";
import { EventLog } from "./event-log.js";
import type { SessionStream } from "./session-stream.js";

export class StreamableSession extends Session {
  /** When a request last named this session (ms since the epoch), for the idle expiry. */
  lastSeen = 0;
  /** Requests of this session whose answer is not sent yet: a busy session never expires. */
  busy = 0;
  /** The standalone GET stream, while there is one. */
  standalone: SessionStream | undefined = undefined;
  private seq = 0;
  private streamCount = 0;
  private streams: Map<number, SessionStream> | undefined = undefined;
  private log: EventLog | undefined = undefined;

  /** The next event's position in the session: ids built on it never repeat in the session. */
  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  /** The number for a new stream. */
  nextStreamNo(): number {
    this.streamCount += 1;
    return this.streamCount;
  }

  /** Whether `stream` is a number this session handed out. */
  issuedStream(stream: number): boolean {
    return stream >= 1 && stream <= this.streamCount;
  }

  /** Whether `seq` is an event position this session handed out. */
  issuedSeq(seq: number): boolean {
    return seq >= 1 && seq <= this.seq;
  }

  /** The replay buffer, made on first use. */
  eventLog(): EventLog {
    this.log ??= new EventLog();
    return this.log;
  }

  /** The frames of `stream` after event `seq` (none if nothing was ever logged). */
  replay(stream: number, seq: number): string[] {
    return this.log ? this.log.after(stream, seq) : [];
  }

  /** Drops the replay buffer once nothing is left to resume: no stream open, quiet for the replay window. */
  dropStaleLog(now: number, windowMs: number): void {
    if (this.log && now - this.lastSeen > windowMs && (this.streams === undefined || this.streams.size === 0)) this.log = undefined;
  }

  /** Registers a stream that is still open (a POST's answer not sent yet, or the GET stream). */
  openStream(stream: SessionStream): void {
    (this.streams ??= new Map()).set(stream.no, stream);
  }

  /** The open stream numbered `no`. */
  streamOf(no: number): SessionStream | undefined {
    return this.streams?.get(no);
  }

  /** Forgets a stream that ended. */
  closeStream(stream: SessionStream): void {
    this.streams?.delete(stream.no);
  }

  /** Whether any connection is attached to one of its streams (a client is listening). */
  get listening(): boolean {
    if (!this.streams) return false;
    for (const stream of this.streams.values()) if (stream.attached) return true;
    return false;
  }

  /** Server-initiated messages go on the standalone stream; without one they are dropped. */
  override send(message: ServerMessage): void {
    if (!this.closed) this.standalone?.send(message);
  }

  /** Ends every stream (their connections end cleanly) and aborts running requests. */
  override dispose(): void {
    if (this.streams) for (const stream of this.streams.values()) stream.finish();
    this.streams = undefined;
    this.standalone = undefined;
    this.log = undefined;
    super.dispose();
  }
}
