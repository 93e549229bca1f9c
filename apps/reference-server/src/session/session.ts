/**
 * The MCP state of one session, apart from any stream: who opened it, which tools it sees, the
 * negotiated revision, its rate window. Messages for the peer go to the channel attached to it, if
 * any. Kept small on purpose (a dozen fields, no per-session closures): idle sessions are what a
 * server holds most of.
 */
import type { ServerMessage } from "@mcp-contract/api-types";
import type { RpcContext } from "../jsonrpc/rpc-context.js";
import type { RateWindow } from "../mcp/rate-limiter.js";
import type { ToolScope } from "../tools/tool-source.js";

/**
 * The transport and dialect whose paths opened the session: the HTTP+SSE dialects, and the legacy
 * Streamable HTTP sessions of `/mcp` and Spice `/v1/mcp`.
 */
export type Dialect = "spice" | "opensearch" | "celonis" | "mcp" | "spice-mcp";

/** Where a session's server-to-client messages go: an open stream. */
export interface MessageChannel {
  /** Sends one message; dropped once the channel has closed. */
  send(message: ServerMessage): void;
  /** Ends the stream (idempotent). */
  end(): void;
}

export class Session implements RpcContext, RateWindow {
  protocolVersion: string | undefined = undefined;
  initialized = false;
  windowStart = 0;
  count = 0;
  closed = false;
  /** The stream messages go on; undefined while none is attached. */
  channel: MessageChannel | undefined = undefined;
  private abortController: AbortController | undefined = undefined;

  constructor(
    readonly id: string,
    readonly dialect: Dialect,
    /** Index of the credential that opened it (ANONYMOUS when auth is off). */
    readonly credential: number,
    readonly scope: ToolScope,
  ) {}

  get rateWindow(): RateWindow {
    return this;
  }

  get rateSubject(): "session" {
    return "session";
  }

  get signal(): AbortSignal {
    this.abortController ??= new AbortController();
    return this.abortController.signal;
  }

  /** Sends `message` on the attached channel; dropped when there is none or the session ended. */
  send(message: ServerMessage): void {
    if (!this.closed) this.channel?.send(message);
  }

  notify(message: ServerMessage): void {
    this.send(message);
  }

  reply(answer: ServerMessage | undefined): void {
    if (answer !== undefined) this.send(answer);
  }

  /** Marks the session gone: its stream ends, later messages are dropped, running tool calls abort. */
  dispose(): void {
    this.closed = true;
    const channel = this.channel;
    this.channel = undefined;
    channel?.end();
    this.abortController?.abort();
  }
}
