/**
 * Reads a request body up to a limit without ever holding more than the limit: a declared
 * `Content-Length` over it is refused before a byte is read, and a chunked body is refused the
 * moment it crosses it. Listeners are module functions that find their state on the request, so
 * reading a body allocates no closures.
 * @see openapi/message.yaml (413 payload_too_large)
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { HttpError } from "../errors.js";

/**
 * Called once: with the body, or with the 413 to answer. Not called if the client goes away.
 * `owner` and `context` are passed through, so handlers can be module functions.
 */
export type BodyHandler<O, T> = (
  owner: O,
  res: ServerResponse,
  context: T,
  error: HttpError | undefined,
  body: Buffer | undefined,
) => void;

const STATE = Symbol("bodyState");

interface BodyState<O, T> {
  readonly limit: number;
  readonly handler: BodyHandler<O, T>;
  readonly owner: O;
  readonly res: ServerResponse;
  readonly context: T;
  first: Buffer | undefined;
  rest: Buffer[] | undefined;
  size: number;
  done: boolean;
}

type ReadingRequest = IncomingMessage & { [STATE]?: BodyState<unknown, unknown> };

const EMPTY = Buffer.alloc(0);

/** The 413 for a body of `size` bytes (or more) against `limit`. */
export function payloadTooLarge(size: number, limit: number, declared: boolean): HttpError {
  const what = declared ? `the body is declared as ${size} bytes` : `the body passed ${limit} bytes`;
  return new HttpError(
    413,
    "payload_too_large",
    `Payload too large: ${what}, the limit is ${limit} bytes (${limit / 1_048_576} MiB). Send smaller messages.`,
    { data: { limit } },
  );
}

/** The 413 decided from `Content-Length` alone, or undefined when the declared size is fine. */
export function declaredTooLarge(req: IncomingMessage, limit: number): HttpError | undefined {
  const declared = req.headers["content-length"];
  if (declared === undefined) return undefined;
  const size = Number(declared);
  return size > limit ? payloadTooLarge(size, limit, true) : undefined;
}

/** Starts reading `req`'s body; `handler(owner, res, context, …)` gets the outcome. */
export function readBody<O, T>(
  req: IncomingMessage,
  res: ServerResponse,
  limit: number,
  owner: O,
  context: T,
  handler: BodyHandler<O, T>,
): void {
  const state: BodyState<O, T> = { limit, handler, owner, res, context, first: undefined, rest: undefined, size: 0, done: false };
  (req as ReadingRequest)[STATE] = state as BodyState<unknown, unknown>;
  req.on("data", onData);
  req.on("end", onEnd);
}

function onData(this: ReadingRequest, chunk: Buffer): void {
  const state = this[STATE];
  if (!state || state.done) return;
  state.size += chunk.length;
  if (state.size > state.limit) {
    state.done = true;
    state.first = undefined;
    state.rest = undefined;
    // Keep the data listener: later chunks are discarded until the connection closes.
    state.handler(state.owner, state.res, state.context, payloadTooLarge(state.size, state.limit, false), undefined);
    return;
  }
  if (state.first === undefined) state.first = chunk;
  else (state.rest ??= [state.first]).push(chunk);
}

function onEnd(this: ReadingRequest): void {
  const state = this[STATE];
  if (!state || state.done) return;
  state.done = true;
  const body = state.rest ? Buffer.concat(state.rest, state.size) : (state.first ?? EMPTY);
  state.first = undefined;
  state.rest = undefined;
  state.handler(state.owner, state.res, state.context, undefined, body);
}
