/**
 * Opens a session the way an MCP client does: GET the stream, wait for the response head and the
 * `endpoint` event, resolve its data against the stream URL, and (optionally) initialize. Any step
 * that does not happen in time is reported as the problem, with the stream kept as evidence.
 * @see https://modelcontextprotocol.io/specification/2024-11-05/basic/transports#http-with-sse
 */
import { SseConnection } from "../wire/sse-connection.js";
import { headerValue } from "../wire/http-exchange.js";
import { initializedNotification, initializeRequest } from "../protocol/messages.js";
import { Session, type Answer, type SessionEnv } from "./session.js";

export interface OpenSessionOptions {
  /** Headers for the GET instead of the run's defaults. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Send initialize + notifications/initialized before handing the session over. */
  readonly initialize?: boolean;
}

export type OpenedSession =
  | { readonly session: Session; readonly initialize?: Answer | undefined }
  | { readonly problem: string; readonly stream: SseConnection; readonly initialize?: Answer | undefined };

export async function openSession(sseUrl: URL, env: SessionEnv, options: OpenSessionOptions = {}): Promise<OpenedSession> {
  const stream = SseConnection.open({ url: sseUrl, headers: options.headers ?? env.headers });
  if (!(await stream.waitForHeaders(env.timeoutMs, env.signal))) {
    return { stream, problem: `GET ${sseUrl.pathname}: ${stream.endedBy ?? `no answer in ${env.timeoutMs} ms`}` };
  }
  const type = headerValue(stream.headers, "content-type") ?? "";
  if (stream.status !== 200 || !type.toLowerCase().startsWith("text/event-stream")) {
    return { stream, problem: `GET ${sseUrl.pathname} answered ${stream.status} ${type || "(no Content-Type)"}, not 200 text/event-stream` };
  }
  const first = await stream.waitForEvent(() => true, env.timeoutMs, { signal: env.signal });
  if (!first) {
    return { stream, problem: `no endpoint event in ${env.timeoutMs} ms${stream.ended ? ` (${stream.endedBy})` : ""}` };
  }
  if (first.event !== "endpoint") return { stream, problem: `the first event is "${first.event}", not "endpoint"` };
  let endpointUrl: URL;
  try {
    endpointUrl = new URL(first.data, sseUrl);
  } catch {
    return { stream, problem: `the endpoint data ${JSON.stringify(first.data)} is not a URL reference` };
  }
  const session = new Session(stream, first, endpointUrl, env);
  if (!options.initialize) return { session };
  const answer = await session.request(initializeRequest("mcp-contract-init"));
  if (!answer.message || !("result" in answer.message)) {
    session.close();
    const why = answer.message ? `an error ${JSON.stringify(answer.message.error)}` : answer.problem;
    return { stream, problem: `initialize was not answered with a result: ${why}`, initialize: answer };
  }
  await session.post(initializedNotification);
  return { session, initialize: answer };
}
