/**
 * Requests written byte by byte on a socket, for what node:http will not do on purpose: declare a
 * Content-Length and never send the body, or stream a chunked body while watching for an early
 * answer. Used by the 413 checks, which must prove the server decides *before* reading the body.
 */
import { isIP, connect as netConnect, type Socket } from "node:net";
import { connect as tlsConnect } from "node:tls";
import { Notifier } from "./notifier.js";
import type { SentRequest } from "./http-exchange.js";

/** The response head the server sent, parsed from raw bytes, and the body bytes that followed it. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  /** Milliseconds from the end of the request head to the response head. */
  readonly at: number;
}

/** What a raw request did: the answer (if any), how much body went out before it, and timing. */
export interface RawExchange {
  readonly request: SentRequest;
  readonly response?: RawResponse | undefined;
  readonly bodyBytesSent: number;
  /** Body bytes the runner had written when the response head arrived. */
  readonly bodyBytesSentBeforeAnswer?: number | undefined;
  /** Whether the whole body (and its end, for chunked) went out. */
  readonly finishedSending: boolean;
  readonly error?: string | undefined;
  readonly durationMs: number;
}

/** The most of an answer (head and body together) a raw request keeps: the head decides, the body is evidence. */
export const MAX_KEPT_BYTES = 128 * 1024;

export interface RawRequestOptions {
  readonly url: string | URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal | undefined;
}

/** Writes a POST head declaring `declaredLength` bytes and no body; waits for the answer. */
export function postDeclaredLengthOnly(options: RawRequestOptions & { declaredLength: number }): Promise<RawExchange> {
  return rawPost(options, { "content-length": String(options.declaredLength) }, async () => false);
}

/**
 * Streams a chunked POST body of `totalBytes` (the first bytes from `prefix`, then filler) and
 * withholds the terminating chunk, so a server that waits for the end of the body never answers.
 * Stops writing as soon as a response head arrives.
 */
export function postChunkedWithoutEnd(
  options: RawRequestOptions & { totalBytes: number; chunkBytes?: number; prefix?: string },
): Promise<RawExchange> {
  const chunkBytes = options.chunkBytes ?? 64 * 1024;
  return rawPost(options, { "transfer-encoding": "chunked" }, async (write, answered) => {
    const prefix = Buffer.from(options.prefix ?? "", "utf8");
    let sent = 0;
    while (sent < options.totalBytes && !answered()) {
      const size = Math.min(chunkBytes, options.totalBytes - sent);
      const chunk = Buffer.alloc(size, 0x78);
      if (sent < prefix.length) prefix.copy(chunk, 0, sent, Math.min(prefix.length, sent + size));
      const ok = await write(Buffer.concat([Buffer.from(`${size.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]), size);
      if (!ok) return false;
      sent += size;
    }
    return false; // the terminating "0\r\n\r\n" is never sent
  });
}

type BodyWriter = (
  write: (bytes: Buffer, bodyBytes: number) => Promise<boolean>,
  answered: () => boolean,
) => Promise<boolean>;

async function rawPost(options: RawRequestOptions, framing: Record<string, string>, body: BodyWriter): Promise<RawExchange> {
  const url = new URL(options.url);
  const headers: Record<string, string> = { host: url.host, ...options.headers, ...framing, connection: "close" };
  const request: SentRequest = { method: "POST", url: url.href, headers };
  const head =
    `POST ${url.pathname}${url.search} HTTP/1.1\r\n` +
    Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join("") +
    "\r\n";
  const changed = new Notifier();
  const started = performance.now();
  let headSentAt = started;
  let received = Buffer.alloc(0);
  let response: RawResponse | undefined;
  let bodyBytesSent = 0;
  let bodyBytesSentBeforeAnswer: number | undefined;
  let closed: string | undefined;

  const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
  const host = socketHost(url);
  const socket: Socket =
    url.protocol === "https:"
      ? tlsConnect({ host, port, ...(isIP(host) === 0 && { servername: host }) })
      : netConnect({ host, port });
  socket.setNoDelay(true);
  socket.on("data", (chunk: Buffer) => {
    if (received.length >= MAX_KEPT_BYTES) return;
    received = Buffer.concat([received, chunk.subarray(0, MAX_KEPT_BYTES - received.length)]);
    if (!response) {
      response = parseHead(received, Math.round(performance.now() - headSentAt));
      if (response) bodyBytesSentBeforeAnswer = bodyBytesSent;
      else if (received.length >= MAX_KEPT_BYTES) {
        closed ??= `the server sent a response head larger than ${MAX_KEPT_BYTES} bytes`;
        socket.destroy();
      }
    } else {
      response = { ...response, body: received.subarray(received.indexOf("\r\n\r\n") + 4) };
    }
    changed.notify();
  });
  socket.on("error", (error: NodeJS.ErrnoException) => {
    closed ??= `socket error: ${error.code ?? error.message}`;
    changed.notify();
  });
  socket.on("close", () => {
    closed ??= "closed by the server";
    changed.notify();
  });

  const deadline = started + options.timeoutMs;
  const remaining = (): number => Math.max(0, deadline - performance.now());
  socket.once(url.protocol === "https:" ? "secureConnect" : "connect", () => changed.notify());
  const connected = await changed.wait(
    () => (socket.readyState === "open" ? true : closed ? false : undefined),
    remaining(),
    options.signal,
  );
  let finishedSending = false;
  if (connected) {
    socket.write(head);
    headSentAt = performance.now();
    const write = async (bytes: Buffer, bodyBytes: number): Promise<boolean> => {
      if (closed || response) return false;
      const flushed = socket.write(bytes);
      bodyBytesSent += bodyBytes;
      if (flushed) {
        // Yield so a response already on the socket is read before the next chunk goes out.
        await new Promise((resolve) => setImmediate(resolve));
        return !closed && !response;
      }
      const stopWaiting = new AbortController();
      const onDrain = (): void => {
        stopWaiting.abort();
        changed.notify();
      };
      socket.once("drain", onDrain);
      const signal = options.signal ? AbortSignal.any([options.signal, stopWaiting.signal]) : stopWaiting.signal;
      await changed.wait(() => (closed || response ? true : undefined), remaining(), signal);
      socket.off("drain", onDrain);
      return stopWaiting.signal.aborted && !closed && !response;
    };
    finishedSending = await body(write, () => response !== undefined);
    await changed.wait(() => (response || closed ? true : undefined), remaining(), options.signal);
    // The head decides the check; the body is only evidence, so give it a short, separate bound.
    if (response) {
      await changed.wait(
        () => (isComplete(response) || closed || received.length >= MAX_KEPT_BYTES ? true : undefined),
        Math.min(remaining(), 250),
        options.signal,
      );
    }
  }
  socket.destroy();
  const durationMs = Math.round(performance.now() - started);
  const error = response
    ? undefined
    : !connected
      ? (closed ?? `could not connect in ${options.timeoutMs} ms`)
      : closed
        ? `${closed} without an answer`
        : `no answer in ${options.timeoutMs} ms`;
  return { request, response, bodyBytesSent, bodyBytesSentBeforeAnswer, finishedSending, error, durationMs };
}

/**
 * The host to open a socket to. A URL writes an IPv6 address in brackets (`[::1]`), which is URL
 * syntax only: `net.connect` would look `[::1]` up as a name and fail with ENOTFOUND.
 */
export function socketHost(url: URL): string {
  return url.hostname.startsWith("[") && url.hostname.endsWith("]") ? url.hostname.slice(1, -1) : url.hostname;
}

/** Parses `HTTP/1.1 413 …` and its headers once the blank line is in; skips 1xx interim heads. */
function parseHead(bytes: Buffer, at: number): RawResponse | undefined {
  let rest = bytes;
  for (;;) {
    const end = rest.indexOf("\r\n\r\n");
    if (end < 0) return undefined;
    const lines = rest.subarray(0, end).toString("latin1").split("\r\n");
    const status = Number(/^HTTP\/\d\.\d (\d{3})/.exec(lines[0] ?? "")?.[1] ?? 0);
    if (status >= 100 && status < 200) {
      rest = rest.subarray(end + 4);
      continue;
    }
    const headers: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(":");
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    return { status, headers, body: rest.subarray(end + 4), at };
  }
}

/** True once the body announced by Content-Length is in (or the head says there is none). */
function isComplete(response: RawResponse | undefined): true | undefined {
  if (!response) return undefined;
  const length = Number(response.headers["content-length"] ?? Number.NaN);
  return Number.isFinite(length) && response.body.length >= length ? true : undefined;
}
