/**
 * What the pool needs from a live upstream connection, whichever client holds it: the MCP SDK's
 * Client (stdio and SSE upstreams) or `@mcp-contract/client`'s session (Streamable HTTP upstreams
 * of every era: 2026-07-28 modern-only, 2025 stateful or stateless, dual-era).
 */
import type { ConnectedSession } from "@mcp-contract/client";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { CallToolResult, Progress, Tool } from "@modelcontextprotocol/sdk/types.js";

export interface ToolPage {
  readonly tools: Tool[];
  readonly nextCursor?: string | undefined;
}

export interface UpstreamCallBounds {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal | undefined;
  readonly onprogress?: ((progress: Progress) => void) | undefined;
}

export interface UpstreamSession {
  listToolsPage(cursor: string | undefined, timeoutMs: number): Promise<ToolPage>;
  callTool(name: string, args: Record<string, unknown>, bounds: UpstreamCallBounds): Promise<CallToolResult>;
  close(): Promise<void>;
  /** The end of a stdio child's stderr (empty for HTTP upstreams), to explain a failure. */
  diagnostics(): string;
  /** The stdio child's pid, for logs. */
  pid(): number | null;
  /**
   * What this connection's own guards stopped last (HTTP upstreams): a refused host, an answer
   * over the bound, the upstream's event stream ending. It explains the failure of a call.
   */
  guarded(): Error | undefined;
  /** Whether the upstream is reached over the network: failures are then told in sanitized words. */
  readonly remote: boolean;
}

/** An SDK Client as an upstream session. */
export function sdkSession(
  client: Client,
  upstream: { diagnostics(): string; pid(): number | null; guarded(): Error | undefined; readonly remote: boolean },
): UpstreamSession {
  return {
    listToolsPage: (cursor, timeoutMs) => client.listTools(cursor === undefined ? {} : { cursor }, { timeout: timeoutMs }),
    callTool: async (name, args, bounds) =>
      (await client.callTool({ name, arguments: args }, undefined, {
        timeout: bounds.timeoutMs,
        ...(bounds.signal ? { signal: bounds.signal } : {}),
        ...(bounds.onprogress ? { onprogress: bounds.onprogress } : {}),
      })) as CallToolResult,
    close: () => client.close(),
    diagnostics: () => upstream.diagnostics(),
    pid: () => upstream.pid(),
    guarded: () => upstream.guarded(),
    remote: upstream.remote,
  };
}

/** A `@mcp-contract/client` session as an upstream session. */
export function contractSession(session: ConnectedSession, guarded: () => Error | undefined): UpstreamSession {
  return {
    listToolsPage: (cursor, timeoutMs) =>
      session.request<ToolPage>("tools/list", cursor === undefined ? undefined : { cursor }, { timeoutMs }),
    callTool: async (name, args, bounds) => {
      const { onprogress } = bounds;
      const result = await session.callTool(name, args, {
        timeoutMs: bounds.timeoutMs,
        signal: bounds.signal,
        ...(onprogress && { onProgress: ({ progress, total, message }) => onprogress({ progress, total, message }) }),
      });
      return result as CallToolResult;
    },
    close: () => session.close(),
    diagnostics: () => "",
    pid: () => null,
    guarded,
    remote: true,
  };
}
