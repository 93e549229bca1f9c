/**
 * Opens an MCP session on any dialect's SSE URL: GET the stream, wait for its `endpoint` event,
 * and hand back a session that POSTs there.
 * @see https://modelcontextprotocol.io/specification/2024-11-05/basic/transports#http-with-sse
 */
import { connectionHeaders } from "./connection-options.js";
import { httpStatusError } from "./http-status-error.js";
import { McpSseSession } from "./mcp-sse-session.js";
import { McpTransportError } from "./mcp-transport-error.js";
import { DEFAULT_ENDPOINT_TIMEOUT_MS, type SessionOptions } from "./session-options.js";
import { SseJsonRpcConnection } from "./sse-json-rpc-connection.js";

/**
 * Opens the stream and resolves once its endpoint is known. Rejects with `McpTransportError`:
 * `http-status` (the GET failed, body attached), `network`, `aborted`, `timeout` (no endpoint
 * event in time), `bad-endpoint` (refused endpoint) or `stream-closed` (ended before it).
 * @example
 * await using session = await openSession("http://127.0.0.1:8090/v1/mcp/sse", { apiKey });
 * await session.initialize();
 */
export async function openSession(sseUrl: string | URL, options: SessionOptions = {}): Promise<McpSseSession> {
  const url = new URL(sseUrl);
  const controller = new AbortController();
  const signal = options.signal ? AbortSignal.any([controller.signal, options.signal]) : controller.signal;
  const headers = connectionHeaders(options);
  headers.set("accept", "text/event-stream");
  const fetch = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const aborted = (): McpTransportError =>
    new McpTransportError("aborted", `Opening the session on ${url.href} was aborted.`, { cause: options.signal?.reason });

  let response: Response;
  try {
    response = await fetch(new Request(url, { headers, signal }));
  } catch (cause) {
    if (options.signal?.aborted) throw aborted();
    const why = cause instanceof Error ? cause.message : String(cause);
    throw new McpTransportError("network", `GET ${url.href} failed: ${why}`, { cause });
  }
  if (!response.ok) throw await httpStatusError("GET", url, response);
  if (!response.body) {
    const message = `GET ${url.href} answered ${response.status} with no body: expected an event stream.`;
    throw new McpTransportError("stream-closed", message);
  }

  const session = new McpSseSession(new SseJsonRpcConnection({ sseUrl: url, body: response.body, controller, options }));
  const timeoutMs = options.endpointTimeoutMs ?? DEFAULT_ENDPOINT_TIMEOUT_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new McpTransportError("timeout", `No endpoint event on ${url.href} within ${timeoutMs} ms.`)),
      timeoutMs,
    );
  });
  try {
    await Promise.race([session.endpointReady, timeout]);
    return session;
  } catch (error) {
    await session.close();
    throw options.signal?.aborted ? aborted() : error;
  } finally {
    clearTimeout(timer);
  }
}
