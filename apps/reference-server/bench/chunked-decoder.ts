/** Decodes an HTTP/1.1 chunked body incrementally (or passes a plain body through). */
export class ChunkedDecoder {
  private pending: Buffer = Buffer.alloc(0);
  private remaining = 0;
  private skipCrlf = false;

  constructor(
    private readonly chunked: boolean,
    private readonly onBody: (body: Buffer) => void,
    /** Called at the last (zero-length) chunk: the body has ended. */
    private readonly onEnd: () => void = () => {},
  ) {}

  push(data: Buffer): void {
    if (!this.chunked) return this.onBody(data);
    this.pending = this.pending.length ? Buffer.concat([this.pending, data]) : data;
    for (;;) {
      if (this.skipCrlf) {
        if (this.pending.length < 2) return;
        this.pending = this.pending.subarray(2);
        this.skipCrlf = false;
      }
      if (this.remaining > 0) {
        const take = Math.min(this.remaining, this.pending.length);
        if (take === 0) return;
        this.onBody(this.pending.subarray(0, take));
        this.pending = this.pending.subarray(take);
        this.remaining -= take;
        if (this.remaining === 0) this.skipCrlf = true;
        continue;
      }
      const lineEnd = this.pending.indexOf("\r\n");
      if (lineEnd < 0) return;
      this.remaining = parseInt(this.pending.subarray(0, lineEnd).toString("latin1"), 16);
      this.pending = this.pending.subarray(lineEnd + 2);
      if (this.remaining === 0) return this.onEnd();
    }
  }
}
