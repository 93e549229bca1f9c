/**
 * The text/event-stream frames the server writes. JSON.stringify escapes CR and LF, so a message
 * is always a single `data:` line.
 * @see openapi/components/sse.yaml (SseStream)
 */

/** The first event of every stream: where to POST. */
export function endpointFrame(data: string): string {
  return `event: endpoint\ndata: ${data}\n\n`;
}

/** One JSON-RPC message, already serialized. */
export function messageFrame(json: string): string {
  return `event: message\ndata: ${json}\n\n`;
}

/** The comment that keeps idle proxies from closing the connection; readers ignore it. */
export const KEEP_ALIVE_FRAME = ": keep-alive\n\n";

/** Response headers of every stream: no caching, and no buffering by nginx-style proxies. */
export const STREAM_HEADERS: Readonly<Record<string, string>> = {
  "Content-Type": "text/event-stream",
  "Cache-Control": "no-cache",
  "X-Accel-Buffering": "no",
};
