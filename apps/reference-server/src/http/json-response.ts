/**
 * Writing a JSON answer that is not an error (errors go through sendHttpError).
 */
import type { ServerResponse } from "node:http";

/** Writes `body` as JSON with `status`; never cached. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
  });
  res.end(text);
}
