/**
 * Answers what node:http reports as a client error, instead of its default bodiless replies:
 * a request whose headers (headersTimeout) or headers and body (requestTimeout) did not arrive in
 * time gets 408 with the path's error body, malformed HTTP gets 400, oversized headers 431; then
 * the connection closes. Like node's own handler, nothing is written once a response has begun
 * (that would corrupt it): the socket is just closed.
 * @see https://nodejs.org/api/http.html#event-clienterror
 */
import type { Duplex } from "node:stream";
import type { ServerResponse } from "node:http";
import { HttpError, render, type ErrorDialect } from "../errors.js";

const STATUS_TEXT: Readonly<Record<number, string>> = { 400: "Bad Request", 408: "Request Timeout", 431: "Request Header Fields Too Large" };

export interface ClientErrorBounds {
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
}

/** The HttpError for a client error's code. */
export function clientErrorOf(code: string | undefined, bounds: ClientErrorBounds): HttpError {
  switch (code) {
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return new HttpError(
        408,
        "request_timeout",
        `Request Timeout: the request did not arrive in time (headers within ${bounds.headersTimeoutMs} ms, headers and body within ${bounds.requestTimeoutMs} ms); send it whole and promptly.`,
      );
    case "HPE_HEADER_OVERFLOW":
      return new HttpError(431, "invalid_request", "Request Header Fields Too Large: the request's headers exceed the server's limit.");
    default:
      return new HttpError(400, "invalid_request", "Bad Request: the request is not valid HTTP/1.1.");
  }
}

/**
 * The `clientError` listener. `dialectOf` picks the error body from the in-flight request's URL;
 * a request whose headers never completed has no URL and gets the JSON-RPC transport body.
 */
export function answerClientError(bounds: ClientErrorBounds, dialectOf: (url: string) => ErrorDialect) {
  return (error: Error & { code?: string }, socket: Duplex): void => {
    // node keeps the response in flight on the socket; only it knows whether bytes went out.
    const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage;
    if (error.code === "ECONNRESET" || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const failure = clientErrorOf(error.code, bounds);
    const url = inFlight?.req?.url;
    const { contentType, body } = render(url === undefined ? "streamable" : dialectOf(url), failure);
    socket.end(
      `HTTP/1.1 ${failure.status} ${STATUS_TEXT[failure.status]}\r\nContent-Type: ${contentType}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  };
}
