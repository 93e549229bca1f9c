/**
 * Local failures of the session client: nothing came back on the wire that could be a JSON-RPC
 * answer. They never cross the wire, so they carry a string `kind` rather than a numeric code.
 */
import type { ErrorDetail, TransportError, TransportErrorReason } from "@mcp-contract/api-types";
import type { ProbeStep } from "./detect/probe-step.js";

/** What went wrong on the transport. */
export type McpTransportErrorKind =
  /** The server answered with a non-2xx status (see `status` and `body`). */
  | "http-status"
  /** The event stream ended, or the session was closed, before the answer arrived. */
  | "stream-closed"
  /** No answer within the request's `timeoutMs` (or no `endpoint` event in time). */
  | "timeout"
  /** The caller's `AbortSignal` fired. */
  | "aborted"
  /** The `endpoint` event was missing, not a URL, or on another origin. */
  | "bad-endpoint"
  /** fetch itself failed: refused connection, DNS, reset. */
  | "network"
  /** Era detection found no MCP transport at the URL; `trace` says what each step got. */
  | "unrecognised-server"
  /** An answer, or one SSE event, was larger than the client's `maxMessageBytes`. */
  | "too-large"
  /** A 2xx answer the transport cannot read: wrong content type, not JSON-RPC, 202 for a request. */
  | "bad-answer";

/** An HTTP error body as the contract defines it: a TransportError, the Celonis `{detail}`, or text. */
export type HttpErrorBody = TransportError | ErrorDetail | string;

export interface McpTransportErrorOptions {
  readonly status?: number | undefined;
  readonly body?: HttpErrorBody | undefined;
  readonly cause?: unknown;
  /** The detection steps behind this error, when it comes from era detection. */
  readonly trace?: readonly ProbeStep[] | undefined;
}

/** A transport failure: says what happened (`kind`), and for HTTP errors the status and body. */
export class McpTransportError extends Error {
  override readonly name = "McpTransportError";
  readonly kind: McpTransportErrorKind;
  readonly status: number | undefined;
  readonly body: HttpErrorBody | undefined;
  /** Every detection step tried, with its request, status and body excerpt (detection errors only). */
  readonly trace: readonly ProbeStep[] | undefined;

  constructor(kind: McpTransportErrorKind, message: string, options: McpTransportErrorOptions = {}) {
    // Without an underlying error, the body (or the kind) is the best cause there is.
    super(message, { cause: options.cause ?? options.body ?? kind });
    this.kind = kind;
    this.status = options.status;
    this.body = options.body;
    this.trace = options.trace;
  }

  /** The machine-readable `error.data.reason` of a TransportError body, when there is one. */
  get reason(): TransportErrorReason | undefined {
    const body = this.body;
    return typeof body === "object" && "error" in body ? body.error.data.reason : undefined;
  }
}
