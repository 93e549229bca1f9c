/**
 * One open SSE stream and the MCP state that goes with it. Kept small on purpose (a dozen fields,
 * no per-session closures): idle sessions are what a server holds most of.
 */
import type { ServerResponse } from "node:http";
import type { ServerMessage } from "@mcp-contract/api-types";
import type { RpcContext } from "../jsonrpc/rpc-context.js";
import type { RateWindow } from "../mcp/rate-limiter.js";
import type { ToolScope } from "../tools/tool-source.js";
import { messageFrame } from "./sse-format.js";

/** The vendor dialect whose paths opened the session. */
export type Dialect = "spice" | "opensearch" | "celonis";

/** A client this slow (this much unsent output) is cut off rather than buffered without bound. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

export class Session implements RpcContext, RateWindow {
  protocolVersion: string | undefined = undefined;
  initialized = false;
  windowStart = 0;
  count = 0;
  closed = false;
  /** Ends a Celonis stream after its lifetime. */
  endTimer: NodeJS.Timeout | undefined = undefined;
  private abortController: AbortController | undefined = undefined;

  constructor(
    readonly id: string,
    readonly dialect: Dialect,
    readonly res: ServerResponse,
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

  /** Writes one `event: message`; dropped once the stream has closed. */
  send(message: ServerMessage): void {
    if (this.closed) return;
    this.res.write(messageFrame(JSON.stringify(message)));
    if (this.res.writableLength > MAX_BUFFERED_BYTES) this.res.destroy();
  }

  notify(message: ServerMessage): void {
    this.send(message);
  }

  reply(answer: ServerMessage | undefined): void {
    if (answer !== undefined) this.send(answer);
  }

  /** Marks the session gone: later messages are dropped and running tool calls are aborted. */
  dispose(): void {
    this.closed = true;
    if (this.endTimer) clearTimeout(this.endTimer);
    this.abortController?.abort();
  }
}
