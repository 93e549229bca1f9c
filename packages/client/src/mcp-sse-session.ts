/**
 * An MCP session over HTTP+SSE: the JSON-RPC connection plus the MCP calls most clients need,
 * typed with the contract's generated schemas.
 * @see https://modelcontextprotocol.io/specification/2025-06-18/basic/lifecycle
 */
import {
  SUPPORTED_PROTOCOL_VERSIONS,
  type CallToolParams,
  type CallToolResult,
  type Implementation,
  type InitializeParams,
  type InitializeResult,
  type ListToolsResult,
  type ProgressParams,
  type Tool,
} from "@mcp-contract/api-types";
import { DEFAULT_CLIENT_INFO } from "./client-info.js";
import type { RequestOptions } from "./session-options.js";
import { SseJsonRpcConnection, type ConnectionInit } from "./sse-json-rpc-connection.js";

export { DEFAULT_CLIENT_INFO } from "./client-info.js";

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

/** An open MCP session. Created by `openSession`. */
export class McpSseSession extends SseJsonRpcConnection {
  readonly #progress = new Map<ProgressParams["progressToken"], (progress: ProgressParams) => void>();
  #initializeResult: InitializeResult | undefined;

  constructor(init: ConnectionInit) {
    super(init);
    this.on("notification", (notification) => {
      if (notification.method !== "notifications/progress") return;
      const params = notification.params as ProgressParams | undefined;
      if (params?.progressToken !== undefined) this.#progress.get(params.progressToken)?.(params);
    });
  }

  /** The server's answer to `initialize`, once it has been called. */
  get initializeResult(): InitializeResult | undefined {
    return this.#initializeResult;
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
        const message = `tools/list on ${this.sseUrl.href} returned cursor '${cursor}' twice; the server's pagination loops.`;
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
}
