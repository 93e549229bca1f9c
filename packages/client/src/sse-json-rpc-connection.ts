/**
 * JSON-RPC over one HTTP+SSE session: messages are POSTed to the endpoint the stream announced,
 * answers come back on the stream (or, in the synchronous Celonis dialect, in the POST's own 200
 * body) and are matched to their request by id.
 * @see https://modelcontextprotocol.io/specification/2024-11-05/basic/transports#http-with-sse
 */
import type {
  JSONRPCMessage,
  JSONRPCNotification,
  JSONRPCRequest,
  RequestId,
} from "@mcp-contract/api-types";
import type { EventSourceMessage } from "eventsource-parser";
import { connectionHeaders, type FetchLike } from "./connection-options.js";
import { resolveEndpoint } from "./endpoint-resolution.js";
import { httpStatusError } from "./http-status-error.js";
import { McpTransportError } from "./mcp-transport-error.js";
import { PendingRequests, type JsonRpcResult } from "./pending-requests.js";
import { readEventStream } from "./read-event-stream.js";
import { DEFAULT_REQUEST_TIMEOUT_MS, type RequestOptions, type SessionOptions } from "./session-options.js";
import type { McpTransport, TransportEvents } from "./session/mcp-transport.js";
import { receiveMessages, type EmitTransportEvent } from "./session/receive-messages.js";
import { TypedEmitter } from "./typed-emitter.js";

/** What a session reports besides answers to its own requests (the same events every transport has). */
export type SessionEvents = TransportEvents;

/** Where a session is in its life. "ended": the stream is over but POSTs may still be answered (Celonis). */
export type SessionState = "open" | "ended" | "closed";

export interface ConnectionInit {
  readonly sseUrl: URL;
  readonly body: ReadableStream<Uint8Array>;
  /** Aborting it ends the stream and every POST in flight. */
  readonly controller: AbortController;
  readonly options: SessionOptions;
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** A JSON-RPC peer over an open SSE stream: the HTTP+SSE transport. Created by `openSession`. */
export class SseJsonRpcConnection extends TypedEmitter<SessionEvents> implements McpTransport {
  readonly name = "http+sse";
  readonly sseUrl: URL;
  /** Resolves, never rejects, once the stream is over, with the reason. */
  readonly ended: Promise<McpTransportError>;
  /** Resolves with the POST URL, or rejects if the stream ends first or the endpoint is refused. */
  readonly endpointReady: Promise<URL>;
  #endpoint: URL | undefined;
  #state: SessionState = "open";
  #closeError: McpTransportError | undefined;
  #lastId = 0;
  readonly #pending = new PendingRequests();
  readonly #emitEvent: EmitTransportEvent = (type, payload) => this.emit(type, payload);
  readonly #controller: AbortController;
  readonly #options: SessionOptions;
  readonly #headers: Headers;
  readonly #fetch: FetchLike;

  constructor(init: ConnectionInit) {
    super();
    this.sseUrl = init.sseUrl;
    this.#controller = init.controller;
    this.#options = init.options;
    this.#headers = connectionHeaders(init.options);
    this.#headers.set("content-type", "application/json");
    this.#fetch = init.options.fetch ?? ((request) => globalThis.fetch(request));
    let found!: (endpoint: URL) => void;
    let failed!: (error: McpTransportError) => void;
    this.endpointReady = new Promise<URL>((resolve, reject) => {
      found = resolve;
      failed = reject;
    });
    // openSession awaits it; without a listener here a refused endpoint would be "unhandled" first.
    this.endpointReady.catch(() => undefined);
    this.ended = this.#read(init.body, found, failed);
  }

  /** The URL the transport was opened on: the SSE URL. */
  get url(): URL {
    return this.sseUrl;
  }

  /** The URL messages are POSTed to, resolved from the `endpoint` event. */
  get endpoint(): URL {
    if (!this.#endpoint) throw new Error("The session has no endpoint yet: wait for endpointReady (openSession does).");
    return this.#endpoint;
  }

  get state(): SessionState {
    return this.#state;
  }

  /** How many requests await an answer. */
  get pendingCount(): number {
    return this.#pending.size;
  }

  /** The next free numeric id (ids count up from 1, skipping caller-supplied ids in flight). */
  nextRequestId(): number {
    let id = ++this.#lastId;
    while (this.#pending.has(id)) id = ++this.#lastId;
    return id;
  }

  /**
   * Sends a request and resolves with its `result`, or rejects with `JsonRpcError` (the server's
   * error answer) or `McpTransportError` (HTTP status, stream over, timeout, abort, network).
   * `Result` is not validated: it is what the caller says the method returns.
   */
  request<Result = JsonRpcResult>(
    method: string,
    params?: JSONRPCRequest["params"],
    options: RequestOptions = {},
  ): Promise<Result> {
    if (this.#closeError) return Promise.reject(this.#closeError);
    if (options.signal?.aborted) {
      const message = `${method} was aborted before it was sent.`;
      return Promise.reject(new McpTransportError("aborted", message, { cause: options.signal.reason }));
    }
    const id = options.id ?? this.nextRequestId();
    if (this.#pending.has(id)) {
      return Promise.reject(new TypeError(`A request with id ${JSON.stringify(id)} is already in flight; pass another id.`));
    }
    const { promise, signal } = this.#pending.track(id, method, {
      timeoutMs: options.timeoutMs ?? this.#options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      signal: options.signal,
      onGiveUp: (error) => this.#cancel(id, method, error),
    });
    const message: JSONRPCRequest = { jsonrpc: "2.0", id, method, ...(params !== undefined && { params }) };
    this.#post(message, AbortSignal.any([signal, this.#controller.signal])).then(
      () => {
        if (this.#state === "open") this.#pending.markAwaitingStream(id);
        else {
          const why = `The event stream ended before the answer to ${method} (id ${JSON.stringify(id)}).`;
          this.#pending.reject(id, new McpTransportError("stream-closed", why));
        }
      },
      (error: unknown) => this.#pending.reject(id, error instanceof Error ? error : new Error(String(error))),
    );
    return promise as Promise<Result>;
  }

  /** Sends a notification; resolves once the server accepted the POST. */
  notify(method: string, params?: JSONRPCNotification["params"]): Promise<void> {
    return this.send(params === undefined ? { jsonrpc: "2.0", method } : { jsonrpc: "2.0", method, params });
  }

  /** POSTs any JSON-RPC message, e.g. the answer to a server's `request` event. */
  async send(message: JSONRPCMessage): Promise<void> {
    if (this.#closeError) throw this.#closeError;
    await this.#post(message, this.#controller.signal);
  }

  /** Ends the stream and rejects every pending request with `McpTransportError("stream-closed", "session closed")`. */
  async close(): Promise<void> {
    if (!this.#closeError) {
      const message = `session closed: close() was called on the session of ${this.sseUrl.href}.`;
      this.#closeError = new McpTransportError("stream-closed", message);
      this.#state = "closed";
      this.#pending.rejectAll(this.#closeError);
      this.#controller.abort(this.#closeError);
    }
    await this.ended;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  async #post(message: JSONRPCMessage, signal: AbortSignal): Promise<void> {
    const url = this.endpoint;
    let response: Response;
    let text: string;
    try {
      const body = JSON.stringify(message);
      response = await this.#fetch(new Request(url, { method: "POST", headers: this.#headers, body, signal }));
      if (!response.ok) throw await httpStatusError("POST", url, response);
      text = await response.text();
    } catch (cause) {
      if (cause instanceof McpTransportError) throw cause;
      if (signal.aborted) {
        if (signal.reason instanceof McpTransportError) throw signal.reason;
        throw new McpTransportError("aborted", `POST ${url.href} was aborted.`, { cause });
      }
      throw new McpTransportError("network", `POST ${url.href} failed: ${describe(cause)}`, { cause });
    }
    // The Celonis dialect answers in the POST itself; SSE dialects answer 202 with no JSON body.
    if (text.trim() !== "" && /json/i.test(response.headers.get("content-type") ?? "")) this.#receive(text);
  }

  #cancel(id: RequestId, method: string, error: McpTransportError): void {
    // MCP forbids cancelling initialize; and a closed session has nobody left to tell.
    if (method === "initialize" || this.#closeError) return;
    const params = { requestId: id, reason: error.message };
    this.send({ jsonrpc: "2.0", method: "notifications/cancelled", params }).catch(() => {
      // Best effort: the request was already given up here.
    });
  }

  async #read(
    body: ReadableStream<Uint8Array>,
    found: (url: URL) => void,
    failed: (error: McpTransportError) => void,
  ): Promise<McpTransportError> {
    let reason: McpTransportError;
    const external = this.#options.signal;
    const signal = external ? AbortSignal.any([this.#controller.signal, external]) : this.#controller.signal;
    try {
      await readEventStream(
        body,
        {
          onEvent: (event) => this.#onEvent(event, found, failed),
          onComment: (comment) => this.emit("keepalive", comment),
        },
        signal,
      );
      // Ended by our own abort, not by the server: say so, as a read the abort broke would.
      if (signal.aborted) throw signal.reason;
      reason = new McpTransportError("stream-closed", `The server ended the event stream of ${this.sseUrl.href}.`);
    } catch (cause) {
      const message = `The event stream of ${this.sseUrl.href} broke: ${describe(cause)}`;
      reason = new McpTransportError("stream-closed", message, { cause });
    }
    if (this.#closeError) reason = this.#closeError;
    else this.#state = "ended";
    this.#pending.rejectAll(reason, true);
    const noEndpoint = `The event stream of ${this.sseUrl.href} ended before its endpoint event.`;
    failed(new McpTransportError("stream-closed", noEndpoint, { cause: reason }));
    this.emit("end", reason);
    return reason;
  }

  #onEvent(event: EventSourceMessage, found: (url: URL) => void, failed: (error: McpTransportError) => void): void {
    if (event.event === "endpoint") {
      // The first endpoint event wins: a session's POST URL does not move.
      if (this.#endpoint) return;
      try {
        this.#endpoint = resolveEndpoint(event.data, this.sseUrl, {
          resolution: this.#options.endpointResolution,
          sameOrigin: this.#options.sameOrigin,
        });
        found(this.#endpoint);
      } catch (error) {
        failed(error as McpTransportError);
      }
    } else if (event.event === undefined || event.event === "message") {
      this.#receive(event.data);
    }
  }

  #receive(data: string): void {
    receiveMessages(data, this.#emitEvent, this.#pending);
  }
}
