/**
 * What one `tools/call` gives its tool: progress (to the caller, when it sent a progressToken) and
 * a signal that aborts when the session closes or the caller cancels this request. The signal is
 * made on first use, so a tool that never waits (echo) costs no controller and no registration.
 * @see https://modelcontextprotocol.io/specification/2025-06-18/basic/utilities/cancellation
 */
import type { ProgressNotification, RequestId } from "@mcp-contract/api-types";
import { forgetCancellable, registerCancellable } from "../jsonrpc/cancellations.js";
import type { RpcContext } from "../jsonrpc/rpc-context.js";
import { RequestCancelled } from "../jsonrpc/rpc-error.js";
import type { MultiRoundTrip, ToolCallContext } from "../tools/tool-source.js";

const NO_PROGRESS = (): void => {};

export class ToolCall implements ToolCallContext {
  readonly reportProgress: ToolCallContext["reportProgress"];
  readonly multiRoundTrip: MultiRoundTrip | undefined;
  private cancellation: AbortController | undefined;
  private combined: AbortSignal | undefined;

  constructor(
    private readonly rpc: RpcContext,
    private readonly id: RequestId,
    progressToken: string | number | undefined,
    /** The call's params, for a 2026-07-28 retry's `inputResponses` and `requestState`. */
    params?: Readonly<Record<string, unknown>>,
  ) {
    this.multiRoundTrip = rpc.clientCapabilities
      ? { clientCapabilities: rpc.clientCapabilities, inputResponses: params?.["inputResponses"], requestState: params?.["requestState"] }
      : undefined;
    this.reportProgress =
      progressToken === undefined
        ? NO_PROGRESS
        : (progress, total, message) => {
            const notification: ProgressNotification = {
              jsonrpc: "2.0",
              method: "notifications/progress",
              params: { progressToken, progress, ...(total === undefined ? {} : { total }), ...(message === undefined ? {} : { message }) },
            };
            rpc.notify(notification);
          };
  }

  get signal(): AbortSignal {
    if (!this.combined) {
      this.cancellation = registerCancellable(this.rpc.peer ?? this.rpc, this.id);
      this.combined = AbortSignal.any([this.rpc.signal, this.cancellation.signal]);
    }
    return this.combined;
  }

  /** Called once the tool has settled; throws RequestCancelled when the caller cancelled it. */
  finish(): void {
    if (!this.cancellation) return;
    forgetCancellable(this.rpc.peer ?? this.rpc, this.id);
    if (this.cancellation.signal.aborted) throw new RequestCancelled("cancelled by the client");
  }
}
