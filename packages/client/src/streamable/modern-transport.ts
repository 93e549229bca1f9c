/**
 * The 2026-07-28 Streamable HTTP transport: no session and no handshake. Every POST carries
 * `MCP-Protocol-Version`, `Mcp-Method` and, for named methods, `Mcp-Name` (Base64 sentinel form
 * when not header-safe); every request carries `_meta` with the protocol version, the client's
 * capabilities and its identity. Cancelling a request is closing its stream.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/index#_meta
 */
import {
  LATEST_MODERN_PROTOCOL_VERSION,
  MCP_HEADER,
  META_KEY,
  MODERN_NAMED_METHODS,
  type DiscoverResult,
  type Implementation,
  type InitializeParams,
  type JSONRPCMessage,
  type JSONRPCRequest,
  type RequestId,
} from "@mcp-contract/api-types";
import { DEFAULT_CLIENT_INFO } from "../client-info.js";
import { encodeHeaderValue } from "../header-value.js";
import type { RequestOptions } from "../session-options.js";
import { StreamableTransport, type StreamableOptions, type StreamableRequestOptions } from "./streamable-transport.js";
import { openSubscription, type Subscription, type SubscriptionFilter } from "./subscription.js";
import { ToolHeaderMirror } from "./tool-header-mirror.js";

/** The capabilities a client declares (the same object `initialize` carries). */
export type ClientCapabilities = InitializeParams["capabilities"];

export interface ModernTransportOptions extends StreamableOptions {
  /** The revision every request names (default 2026-07-28). */
  readonly protocolVersion?: string | undefined;
  /** Sent as `io.modelcontextprotocol/clientInfo` (default `@mcp-contract/client`). */
  readonly clientInfo?: Implementation | undefined;
  /** Sent as `io.modelcontextprotocol/clientCapabilities` (default `{}`). */
  readonly clientCapabilities?: ClientCapabilities | undefined;
}

type Params = Record<string, unknown>;

export class ModernTransport extends StreamableTransport {
  readonly name = "streamable-http-modern";
  readonly protocolVersion: string;
  readonly #clientInfo: Implementation;
  readonly #capabilities: ClientCapabilities;
  readonly #mirror = new ToolHeaderMirror();

  constructor(url: string | URL, options: ModernTransportOptions = {}) {
    super(new URL(url), options);
    this.protocolVersion = options.protocolVersion ?? LATEST_MODERN_PROTOCOL_VERSION;
    this.#clientInfo = options.clientInfo ?? DEFAULT_CLIENT_INFO;
    this.#capabilities = options.clientCapabilities ?? {};
    this.#mirror.onRejected = (tool, reason) =>
      this.emit("malformed", { data: JSON.stringify(tool), reason: `tool '${String(tool["name"])}' left out of tools/list: ${reason}` });
  }

  /** Asks the server which revisions and capabilities it serves. */
  discover(options: RequestOptions = {}): Promise<DiscoverResult> {
    return this.request<DiscoverResult>("server/discover", undefined, options);
  }

  /**
   * Opens a `subscriptions/listen` stream for the change notifications in `filter`. Resolves once
   * the server acknowledged it; close the subscription to end the stream.
   */
  listen(filter: SubscriptionFilter, options: RequestOptions = {}): Promise<Subscription> {
    const id = options.id ?? this.nextRequestId();
    const request = this.wireRequest({ jsonrpc: "2.0", id, method: "subscriptions/listen", params: { notifications: filter } });
    return openSubscription({
      request,
      url: this.url,
      timeoutMs: options.timeoutMs ?? this.options.requestTimeoutMs,
      signal: options.signal,
      closeSignal: this.closeController.signal,
      maxEventBytes: this.maxMessageBytes,
      post: (signal) => this.post(request, signal),
      dispatch: (data) => this.receive(data),
    });
  }

  override async request<Result>(method: string, params?: JSONRPCRequest["params"], options: StreamableRequestOptions = {}): Promise<Result> {
    const headers = method === "tools/call" ? this.#mirror.headersFor(params as Params | undefined) : undefined;
    const result = await super.request<Result>(method, params, headers ? { ...options, headers } : options);
    // Clients MUST leave out tools whose x-mcp-header annotations are invalid, and mirror the rest.
    return method === "tools/list" ? (this.#mirror.learn(result as Params) as Result) : result;
  }

  protected headersFor(message: JSONRPCMessage): Headers {
    const headers = new Headers(this.baseHeaders);
    headers.set("accept", "application/json, text/event-stream");
    headers.set("content-type", "application/json");
    headers.set(MCP_HEADER.PROTOCOL_VERSION, this.protocolVersion);
    if ("method" in message) {
      headers.set(MCP_HEADER.METHOD, message.method);
      const field = MODERN_NAMED_METHODS[message.method];
      const value = field ? (message.params as Params | undefined)?.[field] : undefined;
      if (typeof value === "string") headers.set(MCP_HEADER.NAME, encodeHeaderValue(value));
    }
    return headers;
  }

  protected wireRequest(request: JSONRPCRequest): JSONRPCRequest {
    const params = (request.params ?? {}) as Params;
    const _meta = {
      ...(params["_meta"] as Params | undefined),
      [META_KEY.PROTOCOL_VERSION]: this.protocolVersion,
      [META_KEY.CLIENT_CAPABILITIES]: this.#capabilities,
      [META_KEY.CLIENT_INFO]: this.#clientInfo,
    };
    return { ...request, params: { ...params, _meta } };
  }

  protected async exchange(request: JSONRPCRequest, signal: AbortSignal, options: StreamableRequestOptions): Promise<void> {
    const response = await this.post(request, signal, options.headers);
    if (!response.ok) throw await this.failedAnswer(request, response);
    // No resumption in this revision: a stream that ends without the answer fails the request.
    await this.readAnswer(response, request.id as RequestId, request.method, signal);
  }

  override async send(message: JSONRPCMessage): Promise<void> {
    if (!("method" in message)) throw new TypeError("A 2026-07-28 client MUST NOT POST JSON-RPC responses.");
    await super.send(message);
  }
}
