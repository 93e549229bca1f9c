/**
 * An open `GET` event stream, read two ways at once: the bytes exactly as they arrived (for the
 * strict grammar check and for evidence) and the events eventsource-parser dispatches from them
 * (for everything else). Every wait is bounded; nothing here throws at the caller.
 */
import { request as httpRequest, type ClientRequest, type IncomingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";
import { createParser } from "eventsource-parser";
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
}

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
  readonly changed = new Notifier();
  readonly #started = performance.now();
  readonly #raw: Buffer[] = [];
  #rawBytes = 0;
  #totalBytes = 0;
  readonly #maxRawBytes: number;
  readonly #req: ClientRequest;

  private constructor(options: SseConnectionOptions) {
    const url = new URL(options.url);
    const headers = { accept: "text/event-stream", ...options.headers };
    this.request = { method: "GET", url: url.href, headers };
    this.#maxRawBytes = options.maxRawBytes ?? 256 * 1024;
    const parser = createParser({
      onEvent: (message) => {
        this.events.push({
          index: this.events.length,
          event: message.event ?? "message",
          data: message.data,
          id: message.id,
          at: this.elapsed(),
        });
      },
      onComment: (text) => this.comments.push({ text, at: this.elapsed() }),
    });
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    this.#req = send(url, { method: "GET", headers, agent: false });
    this.#req.on("response", (res) => {
      this.status = res.statusCode ?? 0;
      this.headers = res.headers;
      this.headersAt = this.elapsed();
      this.changed.notify();
      const decoder = new TextDecoder();
      res.on("data", (chunk: Buffer) => {
        this.#totalBytes += chunk.length;
        if (this.#rawBytes < this.#maxRawBytes) {
          const part = chunk.subarray(0, this.#maxRawBytes - this.#rawBytes);
          this.#raw.push(part);
          this.#rawBytes += part.length;
        }
        parser.feed(decoder.decode(chunk, { stream: true }));
        this.changed.notify();
      });
      res.on("close", () => this.end("closed by the server"));
      res.on("error", (error) => this.end(`stream broke off: ${error.message}`));
    });
    this.#req.on("error", (error: NodeJS.ErrnoException) => this.end(`request failed: ${error.code ?? error.message}`));
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
