/**
 * The same bytes read by eventsource-parser, the parser the MCP TypeScript SDK's clients read
 * event streams with (directly, and through the `eventsource` package), compared event by event
 * with the grammar's reading. The runner's verdicts follow the grammar; where this common client
 * reads a legal stream differently, that is an interop warning, never a failure. The known case:
 * a read that ends in a lone CR leaves its event undispatched until more bytes arrive (the parser
 * waits to see whether an LF follows), and forever if the stream ends there.
 */
import { createParser, type EventSourceParser } from "eventsource-parser";
import type { ReadEvent } from "./event-stream-reader.js";

/** The library named in notes, so a reader knows which clients are affected. */
export const LIBRARY = "eventsource-parser (the MCP TypeScript SDK's event-stream reader)";

export class LibraryReading {
  readonly #parser: EventSourceParser;
  readonly #decoder = new TextDecoder();
  readonly #ours: () => readonly ReadEvent[];
  readonly #notes = new Map<"late" | "extra" | "different", string>();
  #count = 0;
  #stopped = false;
  /** The first event the grammar has and the library has not, and since when (ms). */
  #behind: { readonly index: number; readonly since: number } | undefined;

  /** `ours`: the grammar's events so far; `maxBufferSize`: as the runner's own bound, in characters. */
  constructor(ours: () => readonly ReadEvent[], maxBufferSize: number) {
    this.#ours = ours;
    this.#parser = createParser({
      maxBufferSize,
      onEvent: (message) => this.#compare(this.#count++, { event: message.event ?? "message", data: message.data, id: message.id }),
      onError: (error) => {
        if (error.type === "max-buffer-size-exceeded") this.#stopped = true;
      },
    });
  }

  /** Feeds the bytes the grammar reader was just fed; `at` is the time (ms) for lag notes. */
  feed(chunk: Uint8Array, at: number): void {
    if (this.#stopped) return;
    this.#parser.feed(this.#decoder.decode(chunk, { stream: true }));
    const ours = this.#ours().length;
    // An LF right after the held CR made it a CRLF: the parser was right to wait, and it waited no longer.
    if (this.#behind && this.#count > this.#behind.index && chunk[0] === 0x0a) this.#behind = undefined;
    if (this.#behind && this.#count > this.#behind.index) {
      this.#note("late", `event #${this.#behind.index + 1} reached ${LIBRARY} only ${at - this.#behind.since} ms after its blank line, when more bytes came: a lone CR ended the read, and the parser waited to see whether an LF followed`);
      this.#behind = undefined;
    }
    if (!this.#behind && this.#count < ours) this.#behind = { index: this.#count, since: at };
  }

  /** What differed, including an event the library still holds at `now` (ms), or never got. */
  notes(now: number, ended: boolean): string[] {
    if (!this.#behind || this.#stopped) return [...this.#notes.values()];
    const missing = this.#ours().length - this.#count;
    const held = ended
      ? `${LIBRARY} never dispatched the last ${missing === 1 ? "event" : `${missing} events`}: the stream ended on a lone CR, which the parser holds waiting for an LF`
      : `${LIBRARY} had not dispatched event #${this.#behind.index + 1} ${now - this.#behind.since} ms after its blank line: the read ended on a lone CR, which the parser holds until more bytes come`;
    return [...this.#notes.values(), held];
  }

  #compare(index: number, theirs: ReadEvent): void {
    const ours = this.#ours()[index];
    if (!ours) {
      this.#note("extra", `${LIBRARY} dispatched an event the grammar does not have: ${JSON.stringify(theirs).slice(0, 200)}`);
    } else if (ours.event !== theirs.event || ours.data !== theirs.data || ours.id !== theirs.id) {
      this.#note("different", `event #${index + 1}: ${LIBRARY} reads ${JSON.stringify(theirs).slice(0, 200)} where the grammar reads ${JSON.stringify(ours).slice(0, 200)}`);
    }
  }

  /** The first note of each kind is kept: evidence enough, and an endless stream cannot grow the list. */
  #note(kind: "late" | "extra" | "different", note: string): void {
    if (!this.#notes.has(kind)) this.#notes.set(kind, note);
  }
}

/** How the library reads a complete body (an SSE answer to a POST) that the grammar read as `ours`. */
export function libraryNotesForBody(body: Uint8Array, ours: readonly ReadEvent[], maxBufferSize: number): string[] {
  const reading = new LibraryReading(() => ours, maxBufferSize);
  reading.feed(body, 0);
  return reading.notes(0, true);
}
