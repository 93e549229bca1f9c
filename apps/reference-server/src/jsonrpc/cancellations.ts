/**
 * Requests a peer can cancel with `notifications/cancelled`, by peer and request id. A request is
 * registered only when its handler asks for its signal, so calls that finish without waiting
 * (most tool calls) cost nothing here.
 * @see https://modelcontextprotocol.io/specification/2025-06-18/basic/utilities/cancellation
 */
import type { RequestId } from "@mcp-contract/api-types";

const inFlight = new WeakMap<object, Map<RequestId, AbortController>>();

/** Makes request `id` of `peer` cancellable; returns the controller its cancellation aborts. */
export function registerCancellable(peer: object, id: RequestId): AbortController {
  let requests = inFlight.get(peer);
  if (!requests) inFlight.set(peer, (requests = new Map()));
  const controller = new AbortController();
  requests.set(id, controller);
  return controller;
}

/** Forgets request `id` of `peer` once it is answered. */
export function forgetCancellable(peer: object, id: RequestId): void {
  inFlight.get(peer)?.delete(id);
}

/** Aborts request `id` of `peer`; unknown or finished requests are ignored, as the spec asks. */
export function cancelRequest(peer: object, id: RequestId, reason: string | undefined): void {
  inFlight.get(peer)?.get(id)?.abort(new Error(reason ?? "cancelled by the client"));
}
