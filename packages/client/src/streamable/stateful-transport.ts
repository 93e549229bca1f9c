/**
 * The 2025 Streamable HTTP transport (2025-03-26, 2025-06-18, 2025-11-25): `initialize` opens a
 * session the server may name with `Mcp-Session-Id`; later requests carry it and
 * `MCP-Protocol-Version`; `notifications/initialized` follows the handshake; a GET stream carries
 * what the server sends on its own; a stream that drops before its answer is resumed with
 * `Last-Event-ID` after the server's `retry`; a 404 on the session means initialise again; close
 * sends DELETE.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#streamable-http
 */
import {
  MCP_HEADER,
  type Implementation,
  type InitializeParams,
  type InitializeResult,
  type JSONRPCMessage,
  type JSONRPCRequest,
  type RequestId,
} from "@mcp-contract/api-types";
import { DEFAULT_CLIENT_INFO } from "../client-info.js";
import { McpTransportError } from "../mcp-transport-error.js";
import { LEGACY_PROTOCOL_VERSION } from "../protocol-versions.js";
import type { RequestOptions } from "../session-options.js";
import { answerError } from "./answer-error.js";
import type { ClientCapabilities } from "./modern-transport.js";
import { isEventStreamType, readSse } from "./read-sse.js";
import { StreamableTransport, type StreamableOptions, type StreamableRequestOptions, type StreamProgress } from "./streamable-transport.js";
import { waitRetry } from "./wait-retry.js";

/** A session someone else already initialised (era detection with `keepSession`). */
export interface ExistingSession {
  readonly sessionId: string | undefined;
  readonly protocolVersion: string;
  readonly initializeResult: InitializeResult;
}

export interface StatefulTransportOptions extends StreamableOptions {
  /** The revision `initialize` asks for (default 2025-11-25). */
  readonly protocolVersion?: string | undefined;
  readonly clientInfo?: Implementation | undefined;
  readonly clientCapabilities?: ClientCapabilities | undefined;
  /** Open the GET stream for what the server sends on its own (default true; a 405 is fine). */
  readonly getStream?: boolean | undefined;
  /** How often one request's stream may be resumed (default 5). */
  readonly maxResumes?: number | undefined;
  /** The wait before a resume when the server sent no `retry` (default 1 s). */
  readonly defaultRetryMs?: number | undefined;
  /** How long close() waits for the DELETE (default 3 s). */
  readonly closeTimeoutMs?: number | undefined;
}

const DEFAULT_MAX_RESUMES = 5;
const DEFAULT_RETRY_MS = 1_000;
const DEFAULT_CLOSE_TIMEOUT_MS = 3_000;

export class StatefulTransport extends StreamableTransport {
  readonly name = "streamable-http-stateful";
  readonly #stateful: StatefulTransportOptions;
  #sessionId: string | undefined;
  #protocolVersion: string | undefined;
  #initializeResult: InitializeResult | undefined;
  #reinitializing: Promise<void> | undefined;
  #getStream: AbortController | undefined;
  #initializations = 0;

  constructor(url: string | URL, options: StatefulTransportOptions = {}) {
    super(new URL(url), options);
    this.#stateful = options;
    // The receiver of a ping MUST answer it promptly; a server may end a session that does not.
    this.on("request", (request) => {
      if (request.method !== "ping") return;
      this.send({ jsonrpc: "2.0", id: request.id, result: {} }).catch(() => undefined);
    });
  }

  /** The session's `Mcp-Session-Id`; undefined for a stateless server (or before `open`). */
  get sessionId(): string | undefined {
    return this.#sessionId;
  }

  /** The revision the server chose in `initialize`. */
  get protocolVersion(): string | undefined {
    return this.#protocolVersion;
  }

  get initializeResult(): InitializeResult | undefined {
    return this.#initializeResult;
  }

  /** How many times `initialize` succeeded on this transport (more than 1 after a 404). */
  get initializations(): number {
    return this.#initializations;
  }

  /**
   * Opens the session: `initialize` and `notifications/initialized`, or takes over one already
   * initialised; then opens the GET stream unless told not to.
   */
  async open(existing?: ExistingSession, options: RequestOptions = {}): Promise<InitializeResult> {
    if (existing) {
      this.#sessionId = existing.sessionId;
      this.#protocolVersion = existing.protocolVersion;
      this.#initializeResult = existing.initializeResult;
      this.#initializations += 1;
      await this.notify("notifications/initialized");
    } else {
      await this.#initialize(options);
    }
    this.#openGetStream();
    return this.#initializeResult as InitializeResult;
  }

  async #initialize(options: RequestOptions = {}): Promise<void> {
    this.#sessionId = undefined;
    this.#protocolVersion = undefined;
    const params: InitializeParams = {
      protocolVersion: this.#stateful.protocolVersion ?? LEGACY_PROTOCOL_VERSION,
      capabilities: this.#stateful.clientCapabilities ?? {},
      clientInfo: this.#stateful.clientInfo ?? DEFAULT_CLIENT_INFO,
    };
    const result = await this.request<InitializeResult>("initialize", params, options);
    this.#protocolVersion = result.protocolVersion;
    this.#initializeResult = result;
    this.#initializations += 1;
    await this.notify("notifications/initialized");
  }

  /** Initialises again after the server said the session is gone; concurrent callers share one. */
  async #reinitialize(goneSessionId: string): Promise<void> {
    if (this.#sessionId !== goneSessionId) return;
    if (!this.#reinitializing) {
      this.#getStream?.abort();
      this.#reinitializing = this.#initialize()
        .then(() => this.#openGetStream())
        .finally(() => {
          this.#reinitializing = undefined;
        });
    }
    await this.#reinitializing;
  }

  protected headersFor(message: JSONRPCMessage): Headers {
    const headers = new Headers(this.baseHeaders);
    headers.set("accept", "application/json, text/event-stream");
    headers.set("content-type", "application/json");
    if (this.#sessionId !== undefined) headers.set(MCP_HEADER.SESSION_ID, this.#sessionId);
    const isInitialize = "method" in message && message.method === "initialize";
    if (this.#protocolVersion !== undefined && !isInitialize) headers.set(MCP_HEADER.PROTOCOL_VERSION, this.#protocolVersion);
    return headers;
  }

  protected wireRequest(request: JSONRPCRequest): JSONRPCRequest {
    return request;
  }

  protected override onGiveUp(id: RequestId, method: string, error: McpTransportError): void {
    // A dropped connection is no cancellation in these revisions: the server must be told.
    if (method === "initialize" || this.closeError) return;
    this.notify("notifications/cancelled", { requestId: id, reason: error.message }).catch(() => undefined);
  }

  protected async exchange(request: JSONRPCRequest, signal: AbortSignal, options: StreamableRequestOptions): Promise<void> {
    const sentWith = this.#sessionId;
    let response = await this.post(request, signal, options.headers);
    if (response.status === 404 && sentWith !== undefined && request.method !== "initialize") {
      // The session is gone (ended or forgotten by the server): the client MUST initialise again.
      await response.body?.cancel().catch(() => undefined);
      await this.#reinitialize(sentWith);
      response = await this.post(request, signal, options.headers);
    }
    if (!response.ok) throw await this.failedAnswer(request, response);
    if (request.method === "initialize") this.#sessionId = response.headers.get(MCP_HEADER.SESSION_ID) ?? undefined;
    const id = request.id as RequestId;
    const progress: StreamProgress = { lastEventId: undefined, retryMs: undefined };
    await this.#read(response, id, request.method, progress, signal);
    await this.#resume(id, request.method, progress, signal);
  }

  /** Reads an answer; a stream that breaks is left for #resume when it had event ids. */
  async #read(response: Response, id: RequestId, method: string, progress: StreamProgress, signal: AbortSignal): Promise<void> {
    try {
      await this.readAnswer(response, id, method, signal, progress);
    } catch (error) {
      if (signal.aborted || error instanceof McpTransportError || progress.lastEventId === undefined) throw error;
    }
  }

  /** GETs the rest of a dropped answer stream with `Last-Event-ID`, after `retry`, bounded in count. */
  async #resume(id: RequestId, method: string, progress: StreamProgress, signal: AbortSignal): Promise<void> {
    const maxResumes = this.#stateful.maxResumes ?? DEFAULT_MAX_RESUMES;
    for (let attempt = 0; this.pending.has(id) && progress.lastEventId !== undefined && attempt < maxResumes; attempt++) {
      await waitRetry(progress.retryMs ?? this.#stateful.defaultRetryMs ?? DEFAULT_RETRY_MS, signal);
      const response = await this.#get(progress.lastEventId, signal);
      if (!response.ok) throw await answerError(`GET (resuming ${method})`, this.url, response, id);
      await this.#read(response, id, method, progress, signal);
    }
  }

  #get(lastEventId: string | undefined, signal: AbortSignal): Promise<Response> {
    const headers = this.headersFor({ jsonrpc: "2.0", method: "GET" });
    headers.set("accept", "text/event-stream");
    headers.delete("content-type");
    if (lastEventId !== undefined) headers.set(MCP_HEADER.LAST_EVENT_ID, lastEventId);
    return this.fetchFn(new Request(this.url, { method: "GET", headers, signal }));
  }

  /** The GET stream: what the server sends outside any request. Resumed like answer streams. */
  #openGetStream(): void {
    if (this.#stateful.getStream === false || this.closeError) return;
    const controller = new AbortController();
    this.#getStream = controller;
    const signal = AbortSignal.any([controller.signal, this.closeController.signal]);
    const maxResumes = this.#stateful.maxResumes ?? DEFAULT_MAX_RESUMES;
    const run = async (): Promise<void> => {
      const progress: StreamProgress = { lastEventId: undefined, retryMs: undefined };
      for (let attempt = 0; attempt <= maxResumes && !signal.aborted; attempt++) {
        if (attempt > 0) await waitRetry(progress.retryMs ?? this.#stateful.defaultRetryMs ?? DEFAULT_RETRY_MS, signal);
        const response = await this.#get(progress.lastEventId, signal);
        // 405: the server offers no GET stream, which it may.
        if (!response.ok || !isEventStreamType(response) || !response.body) {
          await response.body?.cancel().catch(() => undefined);
          return;
        }
        await readSse(response.body, this.url, this.maxMessageBytes, {
          onEvent: (event) => {
            if (event.id !== undefined) progress.lastEventId = event.id;
            if (event.data.trim() !== "") this.receive(event.data);
          },
          onRetry: (ms) => {
            progress.retryMs = ms;
          },
          onComment: (comment) => this.emit("keepalive", comment),
          signal,
        }).catch(() => undefined);
        // Without an event id there is nothing to resume from.
        if (progress.lastEventId === undefined) return;
      }
    };
    run().catch(() => undefined);
  }

  /** Ends the session with DELETE (a 405 means the server does not let clients end it). */
  protected override async onClose(): Promise<void> {
    this.#getStream?.abort();
    if (this.#sessionId === undefined) return;
    const headers = this.headersFor({ jsonrpc: "2.0", method: "DELETE" });
    headers.delete("content-type");
    const signal = AbortSignal.timeout(this.#stateful.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS);
    try {
      const response = await this.fetchFn(new Request(this.url, { method: "DELETE", headers, signal }));
      await response.body?.cancel().catch(() => undefined);
    } catch {
      // Best effort: the server forgets idle sessions on its own.
    }
  }
}
