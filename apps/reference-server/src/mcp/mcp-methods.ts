/**
 * The MCP methods the server answers: initialize (with version negotiation), ping, tools/list
 * (paginated) and tools/call, plus the notifications it understands. Params are validated against
 * the spec's schemas, compiled once when the methods are created.
 * @see https://modelcontextprotocol.io/specification/2025-06-18/basic/lifecycle and /server/tools
 */
import {
  failure,
  JSONRPC_ERROR,
  schemaValidator,
  SUPPORTED_PROTOCOL_VERSIONS,
  type CallToolParams,
  type InitializeParams,
  type InitializeResult,
  type ListToolsParams,
  type ListToolsResult,
} from "@mcp-contract/api-types";
import type { MethodHandler, NotificationHandler } from "../jsonrpc/dispatcher.js";
import { cancelRequest } from "../jsonrpc/cancellations.js";
import { RpcError } from "../jsonrpc/rpc-error.js";
import { decodeCursor, encodeCursor } from "./cursor.js";
import { rateLimitedResult, takeCall } from "./rate-limiter.js";
import type { ToolCatalog } from "./tool-catalog.js";
import { ToolCall } from "./tool-call.js";
import { InvalidToolArgumentsError, type ToolAnswer } from "../tools/tool-source.js";

/** How the server names itself in `initialize`. */
export const SERVER_INFO = { name: "mcp-contract-reference-server", version: "0.1.0" } as const;

type ValidateFunction = ReturnType<typeof schemaValidator>;

const LATEST_PROTOCOL_VERSION = SUPPORTED_PROTOCOL_VERSIONS[SUPPORTED_PROTOCOL_VERSIONS.length - 1] ?? "2025-06-18";

export interface McpMethodOptions {
  readonly catalog: ToolCatalog;
  readonly pageSize: number;
  readonly rateLimitPerMinute: number;
}

/**
 * The first revision where arguments that break a tool's inputSchema are a tool execution error
 * (SEP-1303: "input validation errors" are reported in a result with isError: true, so the model
 * can correct its call); 2024-11-05 to 2025-06-18 list "invalid arguments" among the protocol
 * errors, -32602. Revision names are dates, so they compare as strings.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/server/tools#error-handling
 */
const INPUT_ERRORS_AS_TOOL_RESULTS_SINCE = "2025-11-25";

/**
 * A call's InvalidToolArgumentsError as its revision reports it: a tool execution error from
 * 2025-11-25 on; before that (or for any other error) rethrown, so the Dispatcher answers -32602.
 */
function invalidArgumentsResult(error: unknown, protocolVersion: string | undefined): ToolAnswer {
  if (error instanceof InvalidToolArgumentsError && protocolVersion !== undefined && protocolVersion >= INPUT_ERRORS_AS_TOOL_RESULTS_SINCE) {
    return { content: [{ type: "text", text: error.message }], isError: true };
  }
  throw error;
}

/** The request and notification tables for the Dispatcher. */
export function createMcpMethods(options: McpMethodOptions): {
  methods: Map<string, MethodHandler>;
  notifications: Map<string, NotificationHandler>;
} {
  const { catalog, pageSize, rateLimitPerMinute } = options;
  const initializeParams = schemaValidator("message", "InitializeParams");
  const listToolsParams = schemaValidator("message", "ListToolsParams");
  const callToolParams = schemaValidator("message", "CallToolParams");

  const initialize: MethodHandler = (params, context) => {
    const { protocolVersion } = valid<InitializeParams>(initializeParams, params, "initialize");
    const offered: readonly string[] = context.offeredVersions ?? SUPPORTED_PROTOCOL_VERSIONS;
    const latest = context.offeredVersions ? (offered[offered.length - 1] ?? LATEST_PROTOCOL_VERSION) : LATEST_PROTOCOL_VERSION;
    const agreed = offered.includes(protocolVersion) ? protocolVersion : latest;
    context.protocolVersion = agreed;
    const result: InitializeResult = {
      protocolVersion: agreed,
      capabilities: { tools: { listChanged: false } },
      serverInfo: SERVER_INFO,
    };
    return result;
  };

  const listTools: MethodHandler = async (params, context) => {
    const { cursor } = valid<ListToolsParams>(listToolsParams, params, "tools/list");
    const offset = cursor === undefined ? 0 : decodeCursor(cursor);
    if (offset === undefined) {
      throw new RpcError(JSONRPC_ERROR.INVALID_PARAMS, `Invalid params for tools/list: /cursor '${cursor?.slice(0, 80)}' is not a cursor this server issued; pass nextCursor back unchanged.`);
    }
    const tools = await catalog.list(context.scope);
    const result: ListToolsResult = { tools: tools.slice(offset, offset + pageSize) };
    if (offset + pageSize < tools.length) result.nextCursor = encodeCursor(offset + pageSize);
    return result;
  };

  const callTool: MethodHandler = (params, context, id) => {
    const { name, arguments: args = {}, _meta } = valid<CallToolParams>(callToolParams, params, "tools/call");
    if (rateLimitPerMinute > 0) {
      const retryAfter = takeCall(context.rateWindow, rateLimitPerMinute, Date.now());
      if (retryAfter > 0) return rateLimitedResult(rateLimitPerMinute, context.rateSubject, retryAfter);
    }
    const call = new ToolCall(context, id, _meta?.progressToken, params);
    let result: ReturnType<ToolCatalog["call"]>;
    try {
      result = catalog.call(context.scope, name, args, call);
    } catch (error) {
      call.finish();
      return invalidArgumentsResult(error, context.protocolVersion);
    }
    if (result instanceof Promise) {
      return result.then(
        (settled) => {
          call.finish();
          return settled ?? unknownTool(name);
        },
        (error: unknown) => {
          call.finish();
          return invalidArgumentsResult(error, context.protocolVersion);
        },
      );
    }
    call.finish();
    return result ?? unknownTool(name);
  };

  const methods = new Map<string, MethodHandler>([
    ["initialize", initialize],
    ["ping", () => ({})],
    ["tools/list", listTools],
    ["tools/call", callTool],
  ]);
  const notifications = new Map<string, NotificationHandler>([
    [
      "notifications/cancelled",
      (params, context) => {
        const id = params?.["requestId"];
        const reason = params?.["reason"];
        if (typeof id === "string" || (typeof id === "number" && Number.isInteger(id))) {
          cancelRequest(context.peer ?? context, id, typeof reason === "string" ? reason : undefined);
        }
      },
    ],
    [
      "notifications/initialized",
      (_params, context) => {
        context.initialized = true;
      },
    ],
  ]);
  return { methods, notifications };
}

/** `params` (absent = `{}`) checked against `validate`, or -32602 naming the failing field. */
function valid<T>(validate: ValidateFunction, params: Record<string, unknown> | undefined, method: string): T {
  const value = params ?? {};
  if (validate(value)) return value as T;
  throw new RpcError(JSONRPC_ERROR.INVALID_PARAMS, `Invalid params for ${method}: ${failure(validate.errors ?? []).message}`);
}

function unknownTool(name: string): never {
  throw new RpcError(JSONRPC_ERROR.INVALID_PARAMS, `Unknown tool: ${name}`);
}
