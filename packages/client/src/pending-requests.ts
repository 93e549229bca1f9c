/**
 * The requests in flight on one session, keyed by JSON-RPC id (a `Map` keeps the string "1" and
 * the number 1 apart, as the wire does). Each entry settles exactly once: on its answer, its
 * timeout, its caller's AbortSignal, or the session ending.
 */
import type { JSONRPCErrorResponse, JSONRPCResultResponse, RequestId } from "@mcp-contract/api-types";
import { JsonRpcError } from "./json-rpc-error.js";
import { McpTransportError } from "./mcp-transport-error.js";

/** The `result` of a successful answer, before the caller narrows it. */
export type JsonRpcResult = JSONRPCResultResponse["result"];

interface Entry {
  readonly resolve: (result: JsonRpcResult) => void;
  readonly reject: (error: Error) => void;
  /** Aborted when the request is given up (timeout, caller abort), to cancel its POST. */
  readonly controller: AbortController;
  /** The POST was accepted without an answer: the answer can now only come on the stream. */
  awaitingStream: boolean;
  readonly cleanup: () => void;
}

export interface TrackOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal | undefined;
  /** Called when the request is given up by timeout or abort, e.g. to tell the server. */
  readonly onGiveUp: (error: McpTransportError) => void;
}

export class PendingRequests {
  readonly #entries = new Map<RequestId, Entry>();

  get size(): number {
    return this.#entries.size;
  }

  has(id: RequestId): boolean {
    return this.#entries.has(id);
  }

  /** Tracks request `id`; `signal` aborts once the request is given up, for its POST. */
  track(id: RequestId, method: string, options: TrackOptions): { promise: Promise<JsonRpcResult>; signal: AbortSignal } {
    const controller = new AbortController();
    let resolve!: (result: JsonRpcResult) => void;
    let reject!: (error: Error) => void;
    // Promise.withResolvers is Node 22+; this package supports Node 20.
    const promise = new Promise<JsonRpcResult>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const label = `${method} (id ${JSON.stringify(id)})`;
    const giveUp = (error: McpTransportError): void => {
      if (!this.reject(id, error)) return;
      controller.abort(error);
      options.onGiveUp(error);
    };
    const timer = setTimeout(
      () => giveUp(new McpTransportError("timeout", `No answer to ${label} within ${options.timeoutMs} ms.`)),
      options.timeoutMs,
    );
    const onAbort = (): void =>
      giveUp(new McpTransportError("aborted", `${label} was aborted by the caller.`, { cause: options.signal?.reason }));
    options.signal?.addEventListener("abort", onAbort, { once: true });
    const cleanup = (): void => {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
    };
    this.#entries.set(id, { resolve, reject, controller, awaitingStream: false, cleanup });
    return { promise, signal: controller.signal };
  }

  /** Settles the request an answer is for; returns false when no request has that id. */
  answer(message: JSONRPCResultResponse | JSONRPCErrorResponse): boolean {
    const id = message.id;
    const entry = id === null ? undefined : this.#entries.get(id);
    if (id === null || !entry) return false;
    this.#remove(id, entry);
    if ("error" in message) entry.reject(new JsonRpcError(message));
    else entry.resolve(message.result);
    return true;
  }

  /** Rejects one request; returns false when it had already settled. */
  reject(id: RequestId, error: Error): boolean {
    const entry = this.#entries.get(id);
    if (!entry) return false;
    this.#remove(id, entry);
    entry.reject(error);
    return true;
  }

  /** Marks the request's POST as accepted: from now on only the stream can answer it. */
  markAwaitingStream(id: RequestId): void {
    const entry = this.#entries.get(id);
    if (entry) entry.awaitingStream = true;
  }

  /** Rejects every request (or only those waiting on the stream) with `error`. */
  rejectAll(error: Error, onlyAwaitingStream = false): void {
    for (const [id, entry] of [...this.#entries]) {
      if (!onlyAwaitingStream || entry.awaitingStream) {
        this.#remove(id, entry);
        entry.controller.abort(error);
        entry.reject(error);
      }
    }
  }

  #remove(id: RequestId, entry: Entry): void {
    entry.cleanup();
    this.#entries.delete(id);
  }
}
