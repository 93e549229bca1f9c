/**
 * Attaches the wire check to a node:http server: every request it emits (`request`, and
 * `checkContinue`/`checkExpectation` when the app handles those) gets an ExchangeCheck that sees
 * the response's head, each body chunk and its end as the server writes them, through the
 * response object's own writeHead/write/end. Nothing is buffered beyond what the check keeps, and
 * the server's behaviour is untouched: each wrapper calls the original first and returns its value.
 */
import type { IncomingMessage, OutgoingHttpHeader, OutgoingHttpHeaders, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ExchangeCheck } from "./exchange-check.js";
import { recordViolation } from "./store.js";

const attached = new WeakSet<Server>();
const REQUEST_EVENTS = new Set<string | symbol>(["request", "checkContinue", "checkExpectation"]);

/** Checks every exchange of `server` against the specs from now on; idempotent. */
export function recordWireContract(server: Server): void {
  if (attached.has(server)) return;
  attached.add(server);
  const observed = new WeakSet<ServerResponse>();
  const name = (): string => {
    const address = server.address() as AddressInfo | null;
    return address ? `port ${address.port}` : "a test server";
  };
  const emit = server.emit;
  server.emit = function (this: Server, event: string | symbol, ...args: unknown[]): boolean {
    if (REQUEST_EVENTS.has(event)) {
      const [req, res] = args as [IncomingMessage, ServerResponse];
      if (!observed.has(res)) {
        observed.add(res);
        observeExchange(req, res, (violation) => recordViolation(name(), violation));
      }
    }
    return (emit as (this: Server, event: string | symbol, ...a: unknown[]) => boolean).call(this, event, ...args);
  } as Server["emit"];
}

/** Checks one exchange as the server writes its response, handing each violation to `record`. */
export function observeExchange(req: IncomingMessage, res: ServerResponse, record: ConstructorParameters<typeof ExchangeCheck>[1]): void {
  const check = new ExchangeCheck({ method: req.method ?? "GET", url: req.url ?? "/" }, record);
  const { writeHead, write, end } = res;
  let headed = false;
  let ended = false;
  let pending: OutgoingHttpHeaders = {};
  const head = (): void => {
    if (headed) return;
    headed = true;
    check.head(res.statusCode, wireHeaders(res, pending));
  };

  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    pending = headersArgument(args);
    const result = (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
    head();
    return result;
  } as ServerResponse["writeHead"];

  res.write = function (this: ServerResponse, ...args: unknown[]) {
    const result = (write as (...a: unknown[]) => boolean).apply(this, args);
    head();
    const chunk = bytesOf(args[0], args[1]);
    if (chunk) check.body(chunk);
    return result;
  } as ServerResponse["write"];

  res.end = function (this: ServerResponse, ...args: unknown[]) {
    const first = ended;
    ended = true;
    const result = (end as (...a: unknown[]) => ServerResponse).apply(this, args);
    if (!first) {
      head();
      const chunk = bytesOf(args[0], args[1]);
      if (chunk) check.body(chunk);
      check.end();
    }
    return result;
  } as ServerResponse["end"];
}

/** The headers of a writeHead call (`(status, headers)` or `(status, reason, headers)`), any form. */
function headersArgument(args: readonly unknown[]): OutgoingHttpHeaders {
  const raw = typeof args[1] === "string" ? args[2] : args[1];
  if (!raw || typeof raw !== "object") return {};
  if (!Array.isArray(raw)) return raw as OutgoingHttpHeaders;
  const headers: OutgoingHttpHeaders = {};
  if (Array.isArray(raw[0])) for (const [key, value] of raw as [string, OutgoingHttpHeader][]) headers[key] = value;
  else for (let i = 0; i + 1 < raw.length; i += 2) headers[String(raw[i])] = raw[i + 1] as OutgoingHttpHeader;
  return headers;
}

/** What goes on the wire: the headers set before writeHead, overridden by writeHead's own. */
function wireHeaders(res: ServerResponse, passed: OutgoingHttpHeaders): Record<string, string> {
  const headers: Record<string, string> = {};
  const add = (key: string, value: OutgoingHttpHeader | undefined): void => {
    if (value !== undefined) headers[key.toLowerCase()] = Array.isArray(value) ? value.join(", ") : String(value);
  };
  for (const [key, value] of Object.entries(res.getHeaders())) add(key, value);
  for (const [key, value] of Object.entries(passed)) add(key, value);
  return headers;
}

function bytesOf(chunk: unknown, encoding: unknown): Buffer | undefined {
  if (typeof chunk === "string") return Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return undefined;
}
