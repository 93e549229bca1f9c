/**
 * How long a server takes to refuse a POST that declares a 64 MiB body, when the client sends only
 * the headers: a server that decides from Content-Length answers at once; one that reads first
 * waits for bytes that never come.
 */
import { connect } from "node:net";

export interface OversizeResult {
  readonly status: number | undefined;
  readonly ms: number;
}

export function declaredOversize(messageUrl: URL, timeoutMs = 2_000): Promise<OversizeResult> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = connect(Number(messageUrl.port), messageUrl.hostname);
    const finish = (status: number | undefined): void => {
      socket.destroy();
      clearTimeout(timer);
      resolve({ status, ms: performance.now() - started });
    };
    const timer = setTimeout(() => finish(undefined), timeoutMs);
    let head = "";
    socket.on("data", (chunk: Buffer) => {
      head += chunk.toString("latin1");
      const status = /^HTTP\/1\.1 (\d{3})/.exec(head)?.[1];
      if (status) finish(Number(status));
    });
    socket.on("error", () => finish(undefined));
    socket.write(
      `POST ${messageUrl.pathname}${messageUrl.search} HTTP/1.1\r\nHost: ${messageUrl.host}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${64 * 1024 * 1024}\r\n\r\n`,
    );
  });
}
