/**
 * One HTTP request and whatever came back, over node:http(s) with a fresh connection each time
 * (no pooling, so one target's misbehaving socket cannot stall the next check). Bounded by a
 * timeout that covers the whole answer; never rejects.
 */
import { request as httpRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";

/** What the runner sent. The body is kept whole so evidence can quote it. */
export interface SentRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Buffer | undefined;
}

/** What the server answered, as far as it got before the bound. */
export interface SeenResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** At most `maxBodyBytes`; `bodyBytes` counts everything received. */
  readonly body: Buffer;
  readonly bodyBytes: number;
}

/** A request, its response (if any) and why it is incomplete (if it is). */
export interface Exchange {
  readonly request: SentRequest;
  readonly response?: SeenResponse | undefined;
  /** Set when no complete answer came: "no answer in N ms", a socket error, or a cut-off body. */
  readonly error?: string | undefined;
  readonly durationMs: number;
}

export interface ExchangeOptions {
  readonly method: string;
  readonly url: string | URL;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal | undefined;
  readonly maxBodyBytes?: number;
}

/** Sends one request and resolves with the exchange, complete or not. */
export function exchange(options: ExchangeOptions): Promise<Exchange> {
  const url = new URL(options.url);
  const body = typeof options.body === "string" ? Buffer.from(options.body, "utf8") : options.body;
  const headers: Record<string, string> = { ...options.headers };
  const sent: SentRequest = { method: options.method, url: url.href, headers, body };
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const started = performance.now();

  return new Promise((resolve) => {
    let settled = false;
    let status: number | undefined;
    let responseHeaders: IncomingHttpHeaders = {};
    const chunks: Buffer[] = [];
    let kept = 0;
    let received = 0;

    const finish = (error?: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      req.destroy();
      const response =
        status === undefined
          ? undefined
          : { status, headers: responseHeaders, body: Buffer.concat(chunks), bodyBytes: received };
      resolve({ request: sent, response, error, durationMs: Math.round(performance.now() - started) });
    };
    const onAbort = (): void => finish("aborted: the run's time bound passed");
    const timer = setTimeout(
      () =>
        finish(
          status === undefined
            ? `no answer in ${options.timeoutMs} ms`
            : `response body not finished in ${options.timeoutMs} ms`,
        ),
      options.timeoutMs,
    );

    const outgoing: OutgoingHttpHeaders = { ...headers };
    if (body && outgoing["content-length"] === undefined && !hasHeader(headers, "transfer-encoding")) {
      outgoing["content-length"] = body.length;
    }
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const req = send(url, { method: options.method, headers: outgoing, agent: false });
    req.on("response", (res) => {
      status = res.statusCode ?? 0;
      responseHeaders = res.headers;
      res.on("data", (chunk: Buffer) => {
        received += chunk.length;
        if (kept < maxBodyBytes) {
          const part = chunk.subarray(0, maxBodyBytes - kept);
          chunks.push(part);
          kept += part.length;
        }
      });
      res.on("end", () => finish());
      res.on("error", (error) => finish(`response broke off: ${error.message}`));
      res.on("close", () => finish(res.complete ? undefined : "the server closed the connection mid-response"));
    });
    req.on("error", (error: NodeJS.ErrnoException) => {
      // A server may answer (413) and close before reading the whole body; the answer still counts.
      finish(status === undefined ? `request failed: ${error.code ?? error.message}` : undefined);
    });
    options.signal?.addEventListener("abort", onAbort, { once: true });
    if (options.signal?.aborted) return onAbort();
    req.end(body);
  });
}

/** Case-insensitive header lookup in a plain record. */
export function hasHeader(headers: Readonly<Record<string, string>>, name: string): boolean {
  const lower = name.toLowerCase();
  return Object.keys(headers).some((key) => key.toLowerCase() === lower);
}

/** The first value of a response header, lower-cased name. */
export function headerValue(headers: IncomingHttpHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
