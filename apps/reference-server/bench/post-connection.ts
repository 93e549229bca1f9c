/**
 * One keep-alive connection of the Streamable HTTP load generator, over a raw socket: it writes a
 * POST and resolves with the answer's body once the answer has ended (Content-Length bytes, or the
 * last chunk of a chunked body, which is how an SSE answer to one request ends). A raw socket
 * keeps the generator cheap, so the server, not the generator, is what saturates.
 */
import { connect, type Socket } from "node:net";
import { ChunkedDecoder } from "./chunked-decoder.js";

export class PostConnection {
  private readonly socket: Socket;
  private pending: Buffer = Buffer.alloc(0);
  private answer: { readonly resolve: (body: string) => void; readonly reject: (error: Error) => void } | undefined;
  private body: Buffer[] = [];
  private decoder: ChunkedDecoder | undefined;
  private remaining = 0;

  constructor(private readonly url: URL) {
    this.socket = connect(Number(url.port), url.hostname);
    this.socket.setNoDelay(true);
    this.socket.on("data", (chunk: Buffer) => this.onData(chunk));
    this.socket.on("error", (error) => this.fail(error));
    this.socket.on("close", () => this.fail(new Error(`${url} closed the connection mid-answer`)));
  }

  /** POSTs `body` with `headers`; resolves with the answer's body. One POST at a time. */
  post(body: string, headers: Readonly<Record<string, string>>): Promise<string> {
    if (this.answer) throw new Error("PostConnection carries one POST at a time");
    const payload = Buffer.from(body);
    const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join("");
    return new Promise((resolve, reject) => {
      this.answer = { resolve, reject };
      this.socket.write(
        `POST ${this.url.pathname}${this.url.search} HTTP/1.1\r\nHost: ${this.url.host}\r\n${lines}Content-Length: ${payload.length}\r\n\r\n`,
      );
      this.socket.write(payload);
    });
  }

  close(): void {
    this.answer = undefined;
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    if (this.decoder || this.remaining > 0) return this.onBodyBytes(chunk);
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const end = this.pending.indexOf("\r\n\r\n");
    if (end < 0) return;
    const head = this.pending.subarray(0, end).toString("latin1");
    const rest = this.pending.subarray(end + 4);
    this.pending = Buffer.alloc(0);
    if (/\r\ntransfer-encoding: *chunked/i.test(head)) {
      this.decoder = new ChunkedDecoder(true, (bytes) => this.body.push(Buffer.from(bytes)), () => this.finish());
    } else {
      this.remaining = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
      if (this.remaining === 0) return this.finish();
    }
    this.onBodyBytes(rest);
  }

  private onBodyBytes(bytes: Buffer): void {
    if (bytes.length === 0) return;
    if (this.decoder) return this.decoder.push(bytes);
    this.body.push(bytes);
    this.remaining -= bytes.length;
    if (this.remaining <= 0) this.finish();
  }

  private finish(): void {
    const text = Buffer.concat(this.body).toString("utf8");
    this.body = [];
    this.decoder = undefined;
    this.remaining = 0;
    const answer = this.answer;
    this.answer = undefined;
    answer?.resolve(text);
  }

  private fail(error: Error): void {
    const answer = this.answer;
    this.answer = undefined;
    answer?.reject(error);
  }
}
