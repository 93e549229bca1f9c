/**
 * The one HTTP error type and the one place that turns it into each dialect's body, for every
 * route (the MCP endpoints and the registry alike). Failures are HttpErrors raised anywhere in the
 * request path; anything else reaching sendHttpError is a bug, logged and answered 500 with no
 * stack trace.
 * @see openapi/message.yaml (the status table), openapi/components/jsonrpc.yaml (TransportError)
 *   and openapi/registry.yaml (ApiError)
 */
import type { ServerResponse } from "node:http";
import {
  JSONRPC_ERROR,
  schemaValidator,
  type ApiError,
  type ApiErrorCode,
  type ErrorDetail,
  type FieldError,
  type JSONRPCErrorCode,
  type TransportError,
  type TransportErrorReason,
} from "@mcp-contract/api-types";
import { closeAfterResponse, mustCloseUnreadBody } from "./http/close-after-response.js";

/**
 * Which error body a path speaks: `sse` the spec's TransportError (Spice, OpenSearch HTTP+SSE),
 * `streamable` the same on the Streamable HTTP endpoints (405 included), `celonis` the seed's
 * `{detail}`, `api` the registry's ApiError (every other route, and unknown paths).
 */
export type ErrorDialect = "sse" | "streamable" | "celonis" | "api";

/**
 * The transport reasons, the registry's ApiError codes, and `method_not_allowed` (a wrong method,
 * which neither names). A reason that is not a TransportErrorReason is always answered as ApiError.
 */
export type HttpErrorReason = TransportErrorReason | ApiErrorCode | "method_not_allowed";

export interface HttpErrorOptions {
  readonly cause?: unknown;
  /** The JSON-RPC code of the body (-32700/-32600 for a 400 about the body); -32000 otherwise. */
  readonly rpcCode?: JSONRPCErrorCode;
  /** Extra machine-readable fields beside `reason` (e.g. `limit` for 413). */
  readonly data?: Readonly<Record<string, unknown>>;
  readonly headers?: Readonly<Record<string, string>>;
  /** For a 422 (ApiError): one entry per failing field. */
  readonly errors?: readonly FieldError[];
}

/** A transport-level failure with the status, reason and human message to answer with. */
export class HttpError extends Error {
  override readonly name = "HttpError";
  readonly rpcCode: JSONRPCErrorCode | undefined;
  readonly data: Readonly<Record<string, unknown>> | undefined;
  readonly headers: Readonly<Record<string, string>> | undefined;
  readonly errors: readonly FieldError[] | undefined;

  constructor(
    readonly status: number,
    readonly reason: HttpErrorReason,
    message: string,
    options: HttpErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.rpcCode = options.rpcCode;
    this.data = options.data;
    this.headers = options.headers;
    this.errors = options.errors;
  }
}

/** Where unexpected errors are reported; never given secrets. */
export type Logger = (line: string) => void;

const INTERNAL = new HttpError(500, "internal_error", "Internal error");

/**
 * Answers `error` in `dialect`'s body. A non-HttpError is logged and becomes a generic 500. When
 * the body was not read and may be large, the connection is closed after the answer so the rest is
 * never read (the client still gets a complete response first).
 */
export function sendHttpError(res: ServerResponse, dialect: ErrorDialect, error: unknown, log: Logger): void {
  let failure: HttpError;
  if (error instanceof HttpError) {
    failure = error;
  } else {
    const req = res.req;
    log(`Unexpected error on ${req.method ?? "?"} ${pathOf(req.url)}: ${describe(error)}`);
    failure = INTERNAL;
  }
  if (res.headersSent) {
    // A stream already started (or an answer was half written): there is no status left to send.
    res.destroy();
    return;
  }
  const { contentType, body } = render(dialect, failure);
  const headers: Record<string, string | number> = {
    "Content-Type": contentType,
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
    ...failure.headers,
  };
  if (mustCloseUnreadBody(res.req)) {
    headers["Connection"] = "close";
    closeAfterResponse(res);
  }
  res.writeHead(failure.status, headers);
  res.end(body);
}

/** The body for `error` in `dialect`, following the spec's response schemas. */
export function render(dialect: ErrorDialect, error: HttpError): { contentType: string; body: string } {
  if (dialect === "celonis") {
    // The seed's 500 is text/plain and its other errors `{detail}`; 413 and 415 are the shared
    // TransportError (message.yaml, postCelonisRequest).
    if (error.status === 500) return { contentType: "text/plain; charset=utf-8", body: "Internal Server Error" };
    if (error.status !== 413 && error.status !== 415) {
      const detail: ErrorDetail = { detail: error.message };
      return json(detail);
    }
  } else if (dialect === "api" || !isTransportReason(error.reason) || (dialect === "sse" && error.reason === "method_not_allowed")) {
    // A wrong path gets the registry's ApiError, and so does a wrong method on the HTTP+SSE paths
    // (message.yaml names no 405); Streamable HTTP's 405 is a TransportError (streamable.yaml).
    const body: ApiError = { detail: error.message, code: apiCode(error.reason) };
    if (error.errors) body.errors = [...error.errors];
    return json(body);
  }
  const body: TransportError = {
    jsonrpc: "2.0",
    id: null,
    error: {
      code: error.rpcCode ?? (error.status === 500 ? JSONRPC_ERROR.INTERNAL_ERROR : JSONRPC_ERROR.TRANSPORT_ERROR),
      message: error.message,
      data: { ...error.data, reason: error.reason as TransportErrorReason },
    },
  };
  return json(body);
}

function json(value: unknown): { contentType: string; body: string } {
  return { contentType: "application/json", body: JSON.stringify(value) };
}

/** Whether a reason is one of the contract's TransportErrorReasons (read from the spec). */
const isTransportReason = schemaValidator("message", "TransportErrorReason");

function apiCode(reason: HttpErrorReason): ApiErrorCode {
  switch (reason) {
    case "forbidden_origin":
      return "forbidden";
    case "unknown_session":
      return "not_found";
    case "missing_session_id":
    case "payload_too_large":
    case "unsupported_media_type":
    case "parse_error":
    case "invalid_request":
    case "method_not_allowed":
    case "invalid_protocol_version":
    case "request_timeout":
      return "bad_request";
    default:
      return reason;
  }
}

/** The path without the query, which may carry a session id. */
function pathOf(url: string | undefined): string {
  const path = url ?? "/";
  const q = path.indexOf("?");
  return q === -1 ? path : path.slice(0, q);
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
}
