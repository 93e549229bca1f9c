/**
 * Reads `text/event-stream` bytes into events exactly as the WHATWG parsing rules say, whatever
 * the chunking: a lone CR ends a line the moment it arrives (an LF right after it is skipped
 * when it comes), so an event ends when its blank line does, not when the next read arrives.
 * Holds at most `maxEventBytes` of one line or one event; a server that sends more stops the
 * reader with `overflow` set, instead of growing the runner's memory without bound.
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */

/** One dispatched event. `id` is the id field given in this event's lines, if any. */
export interface ReadEvent {
  readonly event: string;
  readonly data: string;
  readonly id?: string | undefined;
}

export interface EventStreamReaderOptions {
  readonly onEvent: (event: ReadEvent) => void;
  /** A comment line, without its colon and one following space. */
  readonly onComment?: (text: string) => void;
  /** The largest line, and the largest event (data, type and id together), the reader holds. */
  readonly maxEventBytes?: number;
}

/** What a reader holds at most by default: far above any real MCP message, far below harm. */
export const DEFAULT_MAX_EVENT_BYTES = 4 * 1024 * 1024;

const LF = 0x0a;
const CR = 0x0d;
const BOM = "\ufeff";

export class EventStreamReader {
  /** Why the reader stopped: the server sent more than it will hold. Nothing is read after it. */
  overflow: string | undefined;
  readonly #options: EventStreamReaderOptions;
  readonly #max: number;
  readonly #decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  #line: Buffer[] = [];
  #lineBytes = 0;
  /** The last byte seen was a CR that ended a line: an LF arriving next belongs to it. */
  #afterCr = false;
  #firstLine = true;
  #data: string[] = [];
  #eventBytes = 0;
  #type = "";
  #id: string | undefined;

  constructor(options: EventStreamReaderOptions) {
    this.#options = options;
    this.#max = options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
  }

  /** Reads the next bytes of the stream, dispatching every event they complete. */
  feed(chunk: Uint8Array): void {
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    if (this.#afterCr && bytes.length > 0) {
      this.#afterCr = false;
      if (bytes[0] === LF) start = 1;
    }
    const ends = new LineEnds(bytes);
    while (start < bytes.length && this.overflow === undefined) {
      const end = ends.next(start);
      if (end < 0) return this.#hold(bytes.subarray(start));
      this.#hold(bytes.subarray(start, end));
      if (this.overflow !== undefined) return;
      this.#endLine();
      if (bytes[end] === LF) {
        start = end + 1;
      } else {
        // A CR at the end of this read: whether an LF follows is only known from the next one.
        this.#afterCr = end + 1 === bytes.length;
        start = bytes[end + 1] === LF ? end + 2 : end + 1;
      }
    }
  }

  #hold(part: Buffer): void {
    if (part.length === 0) return;
    this.#lineBytes += part.length;
    if (this.#lineBytes > this.#max) return this.#stop(`the server sent a line longer than ${this.#max} bytes`);
    this.#line.push(Buffer.from(part));
  }

  #endLine(): void {
    let line = this.#decoder.decode(this.#line.length === 1 ? this.#line[0] : Buffer.concat(this.#line));
    this.#line = [];
    this.#lineBytes = 0;
    if (this.#firstLine && line.startsWith(BOM)) line = line.slice(1);
    this.#firstLine = false;
    if (line === "") return this.#dispatch();
    if (line.startsWith(":")) return this.#options.onComment?.(line.slice(line.startsWith(": ") ? 2 : 1));
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    this.#field(field, value);
  }

  #field(field: string, value: string): void {
    // Unknown fields, and retry (the runner never reconnects on its own), are ignored, as the rules say.
    if (field !== "data" && field !== "event" && field !== "id") return;
    if (field === "id" && value.includes("\u0000")) return;
    this.#eventBytes += Buffer.byteLength(value) + 1;
    if (this.#eventBytes > this.#max) return this.#stop(`the server sent an event larger than ${this.#max} bytes`);
    if (field === "data") this.#data.push(value);
    else if (field === "event") this.#type = value;
    else this.#id = value;
  }

  #dispatch(): void {
    const data = this.#data;
    const type = this.#type;
    const id = this.#id;
    this.#data = [];
    this.#type = "";
    this.#id = undefined;
    this.#eventBytes = 0;
    if (data.length === 0) return;
    this.#options.onEvent({ event: type === "" ? "message" : type, data: data.join("\n"), id });
  }

  #stop(reason: string): void {
    this.overflow = reason;
    this.#line = [];
    this.#data = [];
  }
}

/** Finds each next CR or LF in one chunk, scanning it once for each (not once per line). */
class LineEnds {
  #lf = -1;
  #cr = -1;
  constructor(readonly bytes: Buffer) {}

  /** Index of the first CR or LF at or after `from`, or -1. */
  next(from: number): number {
    if (this.#lf !== Number.POSITIVE_INFINITY && this.#lf < from) this.#lf = this.find(LF, from);
    if (this.#cr !== Number.POSITIVE_INFINITY && this.#cr < from) this.#cr = this.find(CR, from);
    const end = Math.min(this.#lf, this.#cr);
    return end === Number.POSITIVE_INFINITY ? -1 : end;
  }

  private find(byte: number, from: number): number {
    const at = this.bytes.indexOf(byte, from);
    return at < 0 ? Number.POSITIVE_INFINITY : at;
  }
}

/** Every event of a complete body (a POST's SSE answer), read by the same rules. */
export function readEventStream(body: Uint8Array, maxEventBytes?: number): { events: ReadEvent[]; overflow?: string | undefined } {
  const events: ReadEvent[] = [];
  const reader = new EventStreamReader({ onEvent: (event) => events.push(event), maxEventBytes });
  reader.feed(body);
  return { events, overflow: reader.overflow };
}
