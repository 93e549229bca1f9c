/**
 * The MCP calls most clients need (initialize, ping, tools/list with pagination, tools/call with
 * progress), typed with the contract's generated schemas and built on any {@link McpTransport}.
 * @see https://modelcontextprotocol.io/specification/2025-06-18/server/tools
 */
import {
  SUPPORTED_PROTOCOL_VERSIONS,
  type CallToolParams,
  type CallToolResult,
  type Implementation,
  type InitializeParams,
  type InitializeResult,
  type JSONRPCMessage,
  type JSONRPCNotification,
  type JSONRPCRequest,
  type ListToolsResult,
  type ProgressParams,
  type RequestId,
  type Tool,
} from "@mcp-contract/api-types";
import { DEFAULT_CLIENT_INFO } from "../client-info.js";
import type { McpTransportError } from "../mcp-transport-error.js";
import type { JsonRpcResult } from "../pending-requests.js";
import type { RequestOptions } from "../session-options.js";
import type { McpTransport, TransportEvents } from "./mcp-transport.js";

/** The protocol revision `initialize` asks for by default: the newest this contract supports. */
export const DEFAULT_PROTOCOL_VERSION: string =
  SUPPORTED_PROTOCOL_VERSIONS[SUPPORTED_PROTOCOL_VERSIONS.length - 1] ?? "2025-06-18";

/** Options of `callTool`. */
export interface CallToolOptions extends RequestOptions {
  /**
   * Receives the tool's `notifications/progress`. Passing it adds `_meta.progressToken` (the
   * request id, as the MCP SDK does) so the server knows to send them.
   */
  readonly onProgress?: ((progress: ProgressParams) => void) | undefined;
}

/** MCP calls over a transport. */
export class McpSession<Transport extends McpTransport = McpTransport> {
  readonly transport: Transport;
  readonly #progress = new Map<ProgressParams["progressToken"], (progress: ProgressParams) => void>();
  #initializeResult: InitializeResult | undefined;

  constructor(transport: Transport) {
    this.transport = transport;
    transport.on("notification", (notification) => {
      if (notification.method !== "notifications/progress") return;
      const params = notification.params as ProgressParams | undefined;
      if (params?.progressToken !== undefined) this.#progress.get(params.progressToken)?.(params);
    });
  }

  /** The server's answer to `initialize`, once it has been called. */
  get initializeResult(): InitializeResult | undefined {
    return this.#initializeResult;
  }

  /** How many requests await an answer. */
  get pendingCount(): number {
    return this.transport.pendingCount;
  }

  /** Resolves, never rejects, once the transport is over, with the reason. */
  get ended(): Promise<McpTransportError> {
    return this.transport.ended;
  }

  /** Subscribes to one of the transport's events; returns the unsubscribe function. */
  on<Type extends keyof TransportEvents>(type: Type, listener: (payload: TransportEvents[Type]) => void): () => void {
    return this.transport.on(type, listener);
  }

  /** Calls `listener` for the next `type` event only. */
  once<Type extends keyof TransportEvents>(type: Type, listener: (payload: TransportEvents[Type]) => void): () => void {
    const off = this.transport.on(type, (payload) => {
      off();
      listener(payload);
    });
    return off;
  }

  /** The next free request id. */
  nextRequestId(): RequestId {
    return this.transport.nextRequestId();
  }

  /** Sends any request; see {@link McpTransport.request}. */
  request<Result = JsonRpcResult>(method: string, params?: JSONRPCRequest["params"], options: RequestOptions = {}): Promise<Result> {
    return this.transport.request<Result>(method, params, options);
  }

  /** Sends a notification. */
  notify(method: string, params?: JSONRPCNotification["params"]): Promise<void> {
    return this.transport.notify(method, params);
  }

  /** Sends any JSON-RPC message, e.g. the answer to a server's `request` event. */
  send(message: JSONRPCMessage): Promise<void> {
    return this.transport.send(message);
  }

  /**
   * Sends `initialize`, then the `notifications/initialized` notification the protocol requires
   * before any other request.
   */
  async initialize(
    clientInfo: Implementation = DEFAULT_CLIENT_INFO,
    protocolVersion: string = DEFAULT_PROTOCOL_VERSION,
    options: RequestOptions = {},
  ): Promise<InitializeResult> {
    const params: InitializeParams = { protocolVersion, capabilities: {}, clientInfo };
    const result = await this.request<InitializeResult>("initialize", params, options);
    await this.notify("notifications/initialized");
    this.#initializeResult = result;
    return result;
  }

  /** Sends `ping`; resolves when the server answers. */
  async ping(options: RequestOptions = {}): Promise<void> {
    await this.request("ping", undefined, options);
  }

  /**
   * Lists every tool, following `nextCursor` page by page. Throws if the server hands back a
   * cursor it already gave, which would otherwise loop forever.
   */
  async listTools(options: Omit<RequestOptions, "id"> = {}): Promise<Tool[]> {
    const tools: Tool[] = [];
    const seen = new Set<string>();
    let cursor: string | undefined;
    do {
      const params = cursor === undefined ? undefined : { cursor };
      const page = await this.request<ListToolsResult>("tools/list", params, options);
      tools.push(...page.tools);
      cursor = page.nextCursor;
      if (cursor !== undefined && seen.has(cursor)) {
        const message = `tools/list on ${this.transport.url.href} returned cursor '${cursor}' twice; the server's pagination loops.`;
        throw new Error(message, { cause: page });
      }
      if (cursor !== undefined) seen.add(cursor);
    } while (cursor !== undefined);
    return tools;
  }

  /**
   * Calls a tool. A tool's own failure is a result with `isError: true`; an unknown tool or bad
   * arguments reject with `JsonRpcError`.
   */
  async callTool(name: string, args?: CallToolParams["arguments"], options: CallToolOptions = {}): Promise<CallToolResult> {
    const { onProgress, ...requestOptions } = options;
    const id = requestOptions.id ?? this.nextRequestId();
    const params: CallToolParams = { name };
    if (args !== undefined) params.arguments = args;
    if (onProgress) {
      params._meta = { progressToken: id };
      this.#progress.set(id, onProgress);
    }
    try {
      return await this.request<CallToolResult>("tools/call", params, { ...requestOptions, id });
    } finally {
      if (onProgress) this.#progress.delete(id);
    }
  }

  /** Ends the transport; pending requests reject with `stream-closed`. */
  async close(): Promise<void> {
    await this.transport.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
