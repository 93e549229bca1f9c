/**
 * The seam between the MCP layer and whatever provides tools: the built-in tools, and the
 * registry's upstream servers. The MCP layer asks every source, in order, and never knows which
 * kind it talks to.
 */
import type { CallToolResult, InputRequiredResult, Tool } from "@mcp-contract/api-types";
import type { ToolListChanges } from "./tool-list-changes.js";

/**
 * Which tools a session sees. The SSE dialects (Spice, OpenSearch) see every source's tools; a
 * Celonis per-asset endpoint sees exactly one asset's tools.
 */
export type ToolScope =
  | {
      readonly kind: "all";
      /** The peer speaks 2026-07-28, so tools that ask for input by Multi Round-Trip Requests are visible too. */
      readonly multiRoundTrip?: boolean;
    }
  | { readonly kind: "asset"; readonly assetId: string };

/** What a tool answers: a result, or (2026-07-28 only) a request for more input. */
export type ToolAnswer = CallToolResult | InputRequiredResult;

/** What a 2026-07-28 `tools/call` carried for Multi Round-Trip Requests. */
export interface MultiRoundTrip {
  /** The client capabilities its `_meta` declared. */
  readonly clientCapabilities: Readonly<Record<string, unknown>>;
  /** `params.inputResponses` of a retry: the client's answers, keyed as the server's inputRequests. */
  readonly inputResponses: unknown;
  /** `params.requestState` of a retry, echoed back unread by the client: attacker-controlled input. */
  readonly requestState: unknown;
}

/** What a tool call may use besides its arguments. */
export interface ToolCallContext {
  /** Aborted when the session closes or the call times out. */
  readonly signal: AbortSignal;
  /** Sends `notifications/progress` when the caller asked for progress (a `progressToken`). */
  readonly reportProgress: (progress: number, total?: number, message?: string) => void;
  /** Present on a 2026-07-28 request, the only kind that can be asked for input. */
  readonly multiRoundTrip?: MultiRoundTrip;
}

/**
 * A failure a tool raises by design (the built-in `throw` tool, which checkers call on every run):
 * still JSON-RPC -32603 to the client, but one log line without a stack, so it does not read
 * like a crash. Any other throw is a bug and keeps its stack in the log.
 */
export class DeliberateToolFailure extends Error {
  override readonly name = "DeliberateToolFailure";
}

/** Raised by a source when arguments fail the tool's `inputSchema`; becomes JSON-RPC -32602. */
export class InvalidToolArgumentsError extends Error {
  override readonly name = "InvalidToolArgumentsError";
  constructor(
    message: string,
    /** JSON pointer of the first failing field, e.g. `/text`. */
    readonly field: string,
  ) {
    super(message);
  }
}

export interface ToolSource {
  /** Raised when this source's tools change; absent when they never do. */
  readonly changes?: ToolListChanges;
  /** Whether this source serves the asset (Celonis `asset_id`); unknown everywhere → 404. */
  hasAsset(assetId: string): boolean | Promise<boolean>;
  /** The tools visible in `scope`, in a stable order (pagination depends on it). */
  listTools(scope: ToolScope): Tool[] | Promise<Tool[]>;
  /**
   * Calls the tool named `name` in `scope`. Resolves `undefined` when this source has no such tool
   * (the next source is asked); throws InvalidToolArgumentsError for bad arguments; any other
   * throw becomes JSON-RPC -32603 with no stack trace. A tool that fails on its own terms resolves
   * a result with `isError: true`.
   */
  callTool(
    scope: ToolScope,
    name: string,
    args: Record<string, unknown>,
    context: ToolCallContext,
  ): Promise<ToolAnswer | undefined>;
}
