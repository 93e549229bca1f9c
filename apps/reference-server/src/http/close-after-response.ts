/**
 * Closing a connection whose request body was not (fully) read, without losing the answer.
 *
 * Destroying a socket that still has unread incoming bytes makes the kernel send RST, and a client
 * that receives RST may drop the 413 it has not read yet. So, as Go's net/http does, we half-close
 * (FIN after the response), keep discarding what the client still sends, and destroy the socket
 * when the client closes its side or after a short linger.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";

/** How long to keep draining after the answer before the socket is destroyed regardless. */
const LINGER_MS = 1_000;

/** Bodies up to this size are cheaper to drain (Node does) than to reconnect for. */
const DRAINABLE_BYTES = 64 * 1024;

/** Whether answering now, before the body was read, should close the connection. */
export function mustCloseUnreadBody(req: IncomingMessage): boolean {
  if (req.complete) return false;
  const declared = req.headers["content-length"];
  if (declared === undefined) return req.headers["transfer-encoding"] !== undefined;
  const length = Number(declared);
  return !(length <= DRAINABLE_BYTES);
}

/**
 * Arranges for `res`'s connection to be half-closed once the response is sent, the rest of the
 * request discarded, and the socket destroyed after the client closes or LINGER_MS pass. The
 * caller must send `Connection: close`, which is what makes Node call destroySoon.
 */
export function closeAfterResponse(res: ServerResponse): void {
  const socket = res.socket;
  if (!socket) return;
  // Node's server calls socket.destroySoon() after a `Connection: close` response; this socket's
  // own property replaces the prototype's immediate destroy with a linger.
  socket.destroySoon = lingerThenDestroy;
  const req = res.req;
  if (!req.readableFlowing) req.on("data", discard);
}

function lingerThenDestroy(this: Socket): void {
  if (this.writable) this.end();
  this.resume();
  this.once("end", destroySocket);
  setTimeout(destroySocket, LINGER_MS, this).unref();
}

function destroySocket(this: Socket | undefined, socket?: Socket): void {
  (socket ?? this)?.destroy();
}

function discard(): void {}
