/**
 * A load-generator session over raw sockets: one connection holds the SSE stream, one keep-alive
 * connection carries the POSTs. Raw sockets keep the generator cheap enough that the server, not
 * the generator, is what saturates.
 */
import { connect, type Socket } from "node:net";
import { ChunkedDecoder } from "./chunked-decoder.js";

export class WireSession {
  private readonly waiting = new Map<number | string, () => void>();
  private postSocket: Socket | undefined;
  private postBuffer = "";
  private postWaiter: (() => void) | undefined;
  private streamText = "";

  private constructor(
    private readonly url: URL,
    private readonly streamSocket: Socket,
    readonly endpoint: URL,
  ) {}

  /** Opens the stream and resolves once the `endpoint` event has arrived. */
  static open(sseUrl: string, timeoutMs = 10_000): Promise<WireSession> {
    const url = new URL(sseUrl);
    return new Promise((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname);
      socket.setNoDelay(true);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`no endpoint event from ${sseUrl} in ${timeoutMs} ms`));
      }, timeoutMs);
      let head = "";
      let decoder: ChunkedDecoder | undefined;
      let session: WireSession | undefined;
      const onText = (text: string): void => {
        if (session) return session.onStreamText(text);
        head += text;
        const match = /event: endpoint\r?\ndata: ([^\r\n]+)\r?\n\r?\n/.exec(head);
        if (!match?.[1]) return;
        clearTimeout(timer);
        session = new WireSession(url, socket, new URL(match[1], url));
        session.onStreamText(head.slice(match.index + match[0].length));
        resolve(session);
      };
      let headers = "";
      socket.on("data", (chunk: Buffer) => {
        if (decoder) return decoder.push(chunk);
        headers += chunk.toString("latin1");
        const end = headers.indexOf("\r\n\r\n");
        if (end < 0) return;
        const chunked = /transfer-encoding: *chunked/i.test(headers.slice(0, end));
        decoder = new ChunkedDecoder(chunked, (body) => onText(body.toString("utf8")));
        decoder.push(Buffer.from(headers.slice(end + 4), "latin1"));
      });
      socket.on("error", reject);
      socket.write(`GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nAccept: text/event-stream\r\n\r\n`);
    });
  }

  private onStreamText(text: string): void {
    this.streamText += text;
    let boundary: number;
    while ((boundary = this.streamText.indexOf("\n\n")) >= 0) {
      const event = this.streamText.slice(0, boundary);
      this.streamText = this.streamText.slice(boundary + 2);
      const data = /^data: (.*)$/m.exec(event)?.[1];
      if (!data) continue;
      const id = (JSON.parse(data) as { id?: number | string }).id;
      if (id === undefined) continue;
      this.waiting.get(id)?.();
      this.waiting.delete(id);
    }
  }

  /** Sends one JSON-RPC message; resolves when the POST was answered and, for a request, its reply arrived. */
  async send(message: { id?: number | string } & Record<string, unknown>): Promise<void> {
    const body = Buffer.from(JSON.stringify(message));
    const reply = message.id === undefined ? Promise.resolve() : new Promise<void>((r) => this.waiting.set(message.id!, r));
    await this.post(body);
    await reply;
  }

  private post(body: Buffer): Promise<void> {
    const socket = (this.postSocket ??= this.openPostSocket());
    return new Promise((resolve) => {
      this.postWaiter = resolve;
      socket.write(
        `POST ${this.endpoint.pathname}${this.endpoint.search} HTTP/1.1\r\nHost: ${this.url.host}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
      );
      socket.write(body);
    });
  }

  private openPostSocket(): Socket {
    const socket = connect(Number(this.url.port), this.url.hostname);
    socket.setNoDelay(true);
    socket.on("data", (chunk: Buffer) => {
      this.postBuffer += chunk.toString("latin1");
      // A response is complete when its headers ended and its Content-Length bytes followed.
      for (;;) {
        const end = this.postBuffer.indexOf("\r\n\r\n");
        if (end < 0) return;
        const length = Number(/content-length: *(\d+)/i.exec(this.postBuffer.slice(0, end))?.[1] ?? 0);
        if (this.postBuffer.length < end + 4 + length) return;
        this.postBuffer = this.postBuffer.slice(end + 4 + length);
        const waiter = this.postWaiter;
        this.postWaiter = undefined;
        waiter?.();
      }
    });
    return socket;
  }

  close(): void {
    this.streamSocket.destroy();
    this.postSocket?.destroy();
  }
}
