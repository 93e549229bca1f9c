/**
 * One open text/event-stream on a response: the frames it writes and the cut-off for a reader that
 * stopped reading. It knows nothing of sessions; a transport attaches it to one.
 * @see openapi/components/sse.yaml (SseStream)
 */
import type { ServerResponse } from "node:http";
import type { ServerMessage } from "@mcp-contract/api-types";
import type { MessageChannel } from "../session/session.js";
import { KEEP_ALIVE_FRAME, messageFrame, STREAM_HEADERS } from "./sse-format.js";

/** A client this slow (this much unsent output) is cut off rather than buffered without bound. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

export class SseChannel implements MessageChannel {
  /** Ends the stream after a lifetime, when it has one (Celonis). */
  lifetime: NodeJS.Timeout | undefined = undefined;

  constructor(readonly res: ServerResponse) {}

  /**
   * Sends the 200 and the stream headers. A stream that ends only when the connection does needs
   * no chunked framing: the body is delimited by the close (RFC 9112 §6.3), which saves a size line
   * and a buffer per event.
   */
  start(headers: Readonly<Record<string, string>> = STREAM_HEADERS): void {
    this.res.useChunkedEncodingByDefault = false;
    this.res.writeHead(200, headers);
  }

  /** Writes one already formatted frame; dropped once the stream has ended. */
  write(frame: string): void {
    const res = this.res;
    if (res.writableEnded || res.destroyed) return;
    res.write(frame);
    if (res.writableLength > MAX_BUFFERED_BYTES) res.destroy();
  }

  /** Writes one `event: message`. */
  send(message: ServerMessage): void {
    this.write(messageFrame(JSON.stringify(message)));
  }

  /** Pads an idle stream; a client that is not reading gets none (write() cuts it off if it falls far behind). */
  keepAlive(): void {
    if (this.res.writableLength === 0) this.write(KEEP_ALIVE_FRAME);
  }

  /** Ends the stream cleanly (idempotent). */
  end(): void {
    if (this.lifetime !== undefined) clearTimeout(this.lifetime);
    this.lifetime = undefined;
    if (!this.res.writableEnded && !this.res.destroyed) this.res.end();
  }
}
