/**
 * What both Streamable HTTP eras share: every message is its own POST to one endpoint, and each
 * request is answered by its POST, as one JSON object or as an SSE stream that may carry
 * notifications first. The eras differ in the headers and `_meta` they add, and in what a broken
 * stream means (a 2025 session resumes it; 2026-07-28 has no resumption).
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http#sending-messages
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#sending-messages-to-the-server
 */
import type {
  JSONRPCMessage,
  JSONRPCNotification,
  JSONRPCRequest,
  RequestId,
} from "@mcp-contract/api-types";
import { connectionHeaders, type ConnectionOptions, type FetchLike } from "../connection-options.js";
import { JsonRpcError } from "../json-rpc-error.js";
import { McpTransportError } from "../mcp-transport-error.js";
import { PendingRequests } from "../pending-requests.js";
import { DEFAULT_REQUEST_TIMEOUT_MS, type RequestOptions } from "../session-options.js";
import type { McpTransport, TransportEvents, TransportName } from "../session/mcp-transport.js";
import { receiveMessages, type EmitTransportEvent } from "../session/receive-messages.js";
import { TypedEmitter } from "../typed-emitter.js";
import { answerError } from "./answer-error.js";
import { isEventStreamType, isJsonType, readBoundedText, readSse } from "./read-sse.js";

/** Options every Streamable HTTP transport takes. */
export interface StreamableOptions extends ConnectionOptions {
  /** Default per-request time bound (default 60 s). */
  readonly requestTimeoutMs?: number | undefined;
  /** The largest answer, or SSE event, read (default 16 MiB). */
  readonly maxMessageBytes?: number | undefined;
}

export const DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

/** Per-request options of a Streamable HTTP transport. */
export interface StreamableRequestOptions extends RequestOptions {
  /** Extra headers for this POST only (e.g. `Mcp-Param-*`). */
  readonly headers?: Headers | undefined;
}

/** How one POST's SSE answer went: the last event id and `retry` seen, for a resume. */
export interface StreamProgress {
  lastEventId: string | undefined;
  retryMs: number | undefined;
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export abstract class StreamableTransport extends TypedEmitter<TransportEvents> implements McpTransport {
  abstract readonly name: TransportName;
  readonly url: URL;
  readonly ended: Promise<McpTransportError>;
  protected readonly options: StreamableOptions;
  protected readonly baseHeaders: Headers;
  protected readonly fetchFn: FetchLike;
  protected readonly maxMessageBytes: number;
  protected readonly closeController = new AbortController();
  protected readonly pending = new PendingRequests();
  readonly #emitEvent: EmitTransportEvent = (type, payload) => this.emit(type, payload);
  #closeError: McpTransportError | undefined;
  #lastId = 0;
  #markEnded!: (reason: McpTransportError) => void;

  constructor(url: URL, options: StreamableOptions) {
    super();
    this.url = url;
    this.options = options;
    this.baseHeaders = connectionHeaders(options);
    this.fetchFn = options.fetch ?? ((request) => globalThis.fetch(request));
    this.maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    this.ended = new Promise((resolve) => {
      this.#markEnded = resolve;
    });
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  /** Set once `close()` was called (or the transport gave up for good). */
  protected get closeError(): McpTransportError | undefined {
    return this.#closeError;
  }

  nextRequestId(): number {
    let id = ++this.#lastId;
    while (this.pending.has(id)) id = ++this.#lastId;
    return id;
  }

  /** The headers of one POST: the era's own, over the connection's. */
  protected abstract headersFor(message: JSONRPCMessage): Headers;
  /** The request as it goes on the wire (2026-07-28 adds `_meta`). */
  protected abstract wireRequest(request: JSONRPCRequest): JSONRPCRequest;
  /** Sends `request` and reads its answer until it settles; the era decides retries and resumes. */
  protected abstract exchange(request: JSONRPCRequest, signal: AbortSignal, options: StreamableRequestOptions): Promise<void>;
  /** Called when a request is given up (timeout, caller's abort): the POST is already aborted. */
  protected onGiveUp(_id: RequestId, _method: string, _error: McpTransportError): void {}

  request<Result>(method: string, params?: JSONRPCRequest["params"], options: StreamableRequestOptions = {}): Promise<Result> {
    if (this.#closeError) return Promise.reject(this.#closeError);
    if (options.signal?.aborted) {
      return Promise.reject(new McpTransportError("aborted", `${method} was aborted before it was sent.`, { cause: options.signal.reason }));
    }
    const id = options.id ?? this.nextRequestId();
    if (this.pending.has(id)) {
      return Promise.reject(new TypeError(`A request with id ${JSON.stringify(id)} is already in flight; pass another id.`));
    }
    const { promise, signal } = this.pending.track(id, method, {
      timeoutMs: options.timeoutMs ?? this.options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      signal: options.signal,
      onGiveUp: (error) => this.onGiveUp(id, method, error),
    });
    const request = this.wireRequest({ jsonrpc: "2.0", id, method, ...(params !== undefined && { params }) });
    const both = AbortSignal.any([signal, this.closeController.signal]);
    this.exchange(request, both, options).then(
      () => {
        const why = `The answer to ${method} (id ${JSON.stringify(id)}) from ${this.url.href} ended without a JSON-RPC response.`;
        this.pending.reject(id, new McpTransportError("stream-closed", why));
      },
      (error: unknown) => this.pending.reject(id, this.#asError(error, both, method)),
    );
    return promise as Promise<Result>;
  }

  notify(method: string, params?: JSONRPCNotification["params"]): Promise<void> {
    return this.send(params === undefined ? { jsonrpc: "2.0", method } : { jsonrpc: "2.0", method, params });
  }

  /** POSTs a notification or response; resolves on the server's 202. */
  async send(message: JSONRPCMessage): Promise<void> {
    if (this.#closeError) throw this.#closeError;
    if ("id" in message && "method" in message) throw new TypeError("send() takes notifications and responses; use request() for requests.");
    const signal = this.closeController.signal;
    const method = "method" in message ? message.method : "a response";
    let response: Response;
    try {
      response = await this.post(message, signal);
    } catch (error) {
      throw this.#asError(error, signal, method);
    }
    if (!response.ok) throw await answerError(method, this.url, response, undefined);
    await response.body?.cancel().catch(() => undefined);
  }

  /** One POST of `message`, with the era's headers. Throws only for fetch's own failures. */
  protected post(message: JSONRPCMessage, signal: AbortSignal, extra?: Headers): Promise<Response> {
    const headers = this.headersFor(message);
    for (const [name, value] of extra ?? []) headers.set(name, value);
    return this.fetchFn(new Request(this.url, { method: "POST", headers, body: JSON.stringify(message), signal }));
  }

  /**
   * Reads a 2xx answer to `id`: one JSON object, or an SSE stream read until the answer arrives.
   * Every message in it is dispatched; `progress` records event ids and `retry` for a resume.
   * Resolves when the answer settled the request, or the body ended without it.
   */
  protected async readAnswer(response: Response, id: RequestId, method: string, signal: AbortSignal, progress?: StreamProgress): Promise<void> {
    if (response.status === 202 || response.status === 204) {
      await response.body?.cancel().catch(() => undefined);
      throw new McpTransportError("bad-answer", `POST ${method} to ${this.url.href} answered ${response.status} with no body: a request needs an answer.`, {
        status: response.status,
      });
    }
    if (isEventStreamType(response) && response.body) {
      await readSse(response.body, this.url, this.maxMessageBytes, {
        onEvent: (event) => {
          if (progress && event.id !== undefined) progress.lastEventId = event.id;
          // A priming event (an id and empty data) carries no message.
          if (event.data.trim() !== "" && (event.event === undefined || event.event === "message")) this.receive(event.data);
        },
        onRetry: (retryMs) => {
          if (progress) progress.retryMs = retryMs;
        },
        onComment: (comment) => this.emit("keepalive", comment),
        done: () => !this.pending.has(id),
        signal,
      });
      return;
    }
    if (isJsonType(response)) {
      this.receive(await readBoundedText(response, this.url, this.maxMessageBytes));
      return;
    }
    await response.body?.cancel().catch(() => undefined);
    const type = response.headers.get("content-type") ?? "no content type";
    throw new McpTransportError("bad-answer", `POST ${method} to ${this.url.href} answered ${response.status} with ${type}: expected application/json or text/event-stream.`, {
      status: response.status,
    });
  }

  /** The error a non-2xx answer to `request` rejects it with. */
  protected async failedAnswer(request: JSONRPCRequest, response: Response): Promise<Error> {
    return answerError(request.method, this.url, response, request.id);
  }

  /** Parses and dispatches data that should hold JSON-RPC messages. */
  protected receive(data: string): void {
    receiveMessages(data, this.#emitEvent, this.pending);
  }

  /** Turns what a POST threw into the error its request rejects with. */
  #asError(error: unknown, signal: AbortSignal, method: string): Error {
    if (error instanceof McpTransportError || error instanceof JsonRpcError) return error;
    if (signal.aborted) {
      if (signal.reason instanceof McpTransportError) return signal.reason;
      return new McpTransportError("aborted", `POST ${method} to ${this.url.href} was aborted.`, { cause: error });
    }
    if (error instanceof TypeError && error.message !== "fetch failed") return error;
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return new McpTransportError("network", `POST ${method} to ${this.url.href} failed: ${describe(error)}${cause}`, { cause: error });
  }

  /** Ends the transport: every POST in flight is aborted, pending requests reject. */
  async close(): Promise<void> {
    if (!this.#closeError) {
      this.#closeError = new McpTransportError("stream-closed", `session closed: close() was called on the transport of ${this.url.href}.`);
      this.pending.rejectAll(this.#closeError);
      await this.onClose();
      this.closeController.abort(this.#closeError);
      this.emit("end", this.#closeError);
      this.#markEnded(this.#closeError);
    }
    await this.ended;
  }

  /** What the era does before its POSTs are aborted (a 2025 session sends DELETE). */
  protected async onClose(): Promise<void> {}

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
