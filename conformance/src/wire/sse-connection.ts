/**
 * An open `GET` event stream, read three ways at once: the bytes exactly as they arrived (for the
 * strict grammar check and for evidence), the events the WHATWG rules dispatch from them (for
 * every verdict), and the events eventsource-parser dispatches (only to warn where that common
 * client reads the stream differently). Every wait is bounded, and so is what it holds: a stream
 * that sends too much is closed by the runner saying why. Nothing here throws at the caller.
 */
import { request as httpRequest, type ClientRequest, type IncomingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";
import { DEFAULT_MAX_EVENT_BYTES, EventStreamReader } from "./event-stream-reader.js";
import { LibraryReading } from "./library-reading.js";
import { Notifier } from "./notifier.js";
import type { SentRequest } from "./http-exchange.js";

/** One dispatched event, with when it arrived (ms since the request was sent). */
export interface StreamEvent {
  readonly index: number;
  readonly event: string;
  readonly data: string;
  readonly id?: string | undefined;
  readonly at: number;
}

/** One comment line (a keep-alive), without the leading colon. */
export interface StreamComment {
  readonly text: string;
  readonly at: number;
}

export interface SseConnectionOptions {
  readonly url: string | URL;
  readonly headers?: Readonly<Record<string, string>>;
  /** Raw bytes kept for the grammar check and evidence; the rest is parsed but not kept. */
  readonly maxRawBytes?: number;
  /** The largest line or event the stream may send (default 4 MiB). */
  readonly maxEventBytes?: number;
}

/** What one stream may make the runner keep: events and comments, counted and in bytes. */
export const MAX_KEPT_EVENTS = 5_000;
export const MAX_KEPT_EVENT_BYTES = 8 * 1024 * 1024;
/** A comment is kept only for its arrival; its text is cut to this many characters. */
const MAX_COMMENT_CHARS = 200;

/** An event stream being read. Create with {@link SseConnection.open}; always `close()` it. */
export class SseConnection {
  readonly request: SentRequest;
  readonly events: StreamEvent[] = [];
  readonly comments: StreamComment[] = [];
  status: number | undefined;
  headers: IncomingHttpHeaders | undefined;
  /** When the response head arrived (ms since the request was sent). */
  headersAt: number | undefined;
  /** Why the stream is over: "closed by the server", a socket error, or "closed by the runner". */
  endedBy: string | undefined;
  /** The error that kept the request from getting an answer (refused, DNS, TLS), with its message. */
  requestError: NodeJS.ErrnoException | undefined;
  readonly changed = new Notifier();
  readonly #started = performance.now();
  readonly #raw: Buffer[] = [];
  #rawBytes = 0;
  #totalBytes = 0;
  #keptBytes = 0;
  readonly #maxRawBytes: number;
  readonly #req: ClientRequest;
  readonly #library: LibraryReading;

  private constructor(options: SseConnectionOptions) {
    const url = new URL(options.url);
    const headers = { accept: "text/event-stream", ...options.headers };
    this.request = { method: "GET", url: url.href, headers };
    this.#maxRawBytes = options.maxRawBytes ?? 256 * 1024;
    const maxEventBytes = options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
    const reader = new EventStreamReader({
      maxEventBytes,
      onEvent: (message) => {
        this.#keptBytes += message.data.length + message.event.length + (message.id?.length ?? 0);
        this.events.push({ index: this.events.length, event: message.event, data: message.data, id: message.id, at: this.elapsed() });
      },
      onComment: (text) => {
        this.#keptBytes += Math.min(text.length, MAX_COMMENT_CHARS);
        this.comments.push({ text: text.slice(0, MAX_COMMENT_CHARS), at: this.elapsed() });
      },
    });
    this.#library = new LibraryReading(() => this.events, maxEventBytes);
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    this.#req = send(url, { method: "GET", headers, agent: false });
    this.#req.on("response", (res) => {
      this.status = res.statusCode ?? 0;
      this.headers = res.headers;
      this.headersAt = this.elapsed();
      this.changed.notify();
      res.on("data", (chunk: Buffer) => {
        if (this.ended) return;
        this.#totalBytes += chunk.length;
        if (this.#rawBytes < this.#maxRawBytes) {
          const part = chunk.subarray(0, this.#maxRawBytes - this.#rawBytes);
          this.#raw.push(part);
          this.#rawBytes += part.length;
        }
        reader.feed(chunk);
        this.#library.feed(chunk, this.elapsed());
        const tooMuch =
          reader.overflow ??
          (this.events.length + this.comments.length > MAX_KEPT_EVENTS
            ? `the server sent more than ${MAX_KEPT_EVENTS} events and comments on one stream`
            : this.#keptBytes > MAX_KEPT_EVENT_BYTES
              ? `the server sent more than ${MAX_KEPT_EVENT_BYTES} bytes of events on one stream`
              : undefined);
        if (tooMuch) {
          this.end(`closed by the runner: ${tooMuch}`);
          this.#req.destroy();
        }
        this.changed.notify();
      });
      res.on("close", () => this.end("closed by the server"));
      res.on("error", (error) => this.end(`stream broke off: ${error.message}`));
    });
    this.#req.on("error", (error: NodeJS.ErrnoException) => {
      if (this.status === undefined) this.requestError ??= error;
      this.end(`request failed: ${error.code ?? error.message}`);
    });
    this.#req.end();
  }

  /** Sends the `GET` at once and starts reading. */
  static open(options: SseConnectionOptions): SseConnection {
    return new SseConnection(options);
  }

  /** Milliseconds since the request was sent. */
  elapsed(): number {
    return Math.round(performance.now() - this.#started);
  }

  /** The bytes received so far (up to the kept maximum). */
  raw(): Buffer {
    return Buffer.concat(this.#raw);
  }

  /** Every byte received, kept or not. */
  get totalBytes(): number {
    return this.#totalBytes;
  }

  /**
   * Where eventsource-parser, which MCP TypeScript SDK clients read streams with, reads this
   * legal stream differently from the grammar (an event held back or never dispatched).
   */
  libraryNotes(): string[] {
    return this.#library.notes(this.elapsed(), this.ended && !this.endedBy?.startsWith("closed by the runner"));
  }

  /** The runner closed the stream because the server sent more than it holds; the reason, if so. */
  get overflow(): string | undefined {
    return this.endedBy?.startsWith("closed by the runner: ") ? this.endedBy.slice("closed by the runner: ".length) : undefined;
  }

  /** The server ended the stream and every byte it sent was kept: only then can its end be judged. */
  get endedWhole(): boolean {
    return this.ended && !this.endedBy?.startsWith("closed by the runner") && this.#totalBytes === this.#rawBytes;
  }

  get ended(): boolean {
    return this.endedBy !== undefined;
  }

  /** Resolves true once the response head is in, false if the bound passes or the stream fails first. */
  async waitForHeaders(timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    const seen = await this.changed.wait(
      () => (this.status !== undefined ? true : this.ended ? false : undefined),
      timeoutMs,
      signal,
    );
    return seen === true;
  }

  /** The first event at or after `fromIndex` that matches, or undefined (bound passed or stream over). */
  async waitForEvent(
    predicate: (event: StreamEvent) => boolean,
    timeoutMs: number,
    { fromIndex = 0, signal }: { fromIndex?: number; signal?: AbortSignal | undefined } = {},
  ): Promise<StreamEvent | undefined> {
    const found = await this.changed.wait(
      () => {
        const event = this.events.slice(fromIndex).find(predicate);
        if (event) return event;
        return this.ended ? null : undefined;
      },
      timeoutMs,
      signal,
    );
    return found ?? undefined;
  }

  /** Resolves true when any event or comment arrives after the given counts, false after the bound. */
  async waitForActivity(since: { events: number; comments: number }, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    const seen = await this.changed.wait(
      () =>
        this.events.length > since.events || this.comments.length > since.comments
          ? true
          : this.ended
            ? false
            : undefined,
      timeoutMs,
      signal,
    );
    return seen === true;
  }

  /** Resolves true once the stream is over, false after the bound. */
  async waitForEnd(timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    return (await this.changed.wait(() => (this.ended ? true : undefined), timeoutMs, signal)) === true;
  }

  /** Disconnects, as a client that is done with the session does. */
  close(): void {
    this.end("closed by the runner");
    this.#req.destroy();
  }

  private end(reason: string): void {
    this.endedBy ??= reason;
    this.changed.notify();
  }
}
