/**
 * Shared e2e tools: the app on port 0, sessions in each dialect, POST helpers, and checks that
 * everything the server put on the wire fits the spec.
 */
import { once } from "node:events";
import { connect } from "node:net";
import { startServer, openSseStream, type SseStream, type StartServerOptions } from "@mcp-contract/test-helpers";
import { validateAgainst, type SpecName } from "@mcp-contract/api-types";
import { expect } from "vitest";
import { createApp, type App, type AppOptions } from "../../src/app.js";

export interface TestApp extends AsyncDisposable {
  readonly app: App;
  readonly url: string;
  readonly port: number;
  /** What the app logged (unexpected errors), instead of stderr. */
  readonly logs: string[];
}

/**
 * createApp on 127.0.0.1:0; disposing closes it through app.close(). Its wire is held to the
 * specs (startServer's check) unless `wire.wireContract` is false, for a test's own fake routes.
 */
export async function startApp(options: AppOptions = {}, wire: StartServerOptions = {}): Promise<TestApp> {
  const logs: string[] = [];
  const app = createApp({ log: (line) => logs.push(line), ...options });
  const running = await startServer(app.server, wire);
  return { app, url: running.url, port: running.port, logs, [Symbol.asyncDispose]: () => app.close() };
}

/** Expects `value` to validate against `schema` of `spec`, with ajv's message on failure. */
export function expectSpec(spec: SpecName, schema: string, value: unknown): void {
  const result = validateAgainst(spec, schema, value);
  expect(result.ok ? "valid" : `${schema}: ${result.message} in ${JSON.stringify(value)}`).toBe("valid");
}

/** How a dialect's stream is opened and where its endpoint data makes the client POST. */
export interface SseDialect {
  readonly name: string;
  readonly streamPath: string;
  readonly endpointPrefix: string;
  readonly postUrl: (base: string, endpointData: string) => string;
}

const resolveAgainst = (streamPath: string) => (base: string, data: string) => new URL(data, base + streamPath).href;

/** Spice and OpenSearch, with every way a client may build the OpenSearch message URL. */
export const SSE_DIALECTS: readonly SseDialect[] = [
  { name: "Spice", streamPath: "/v1/mcp/sse", endpointPrefix: "/v1/mcp/sse?sessionId=", postUrl: resolveAgainst("/v1/mcp/sse") },
  {
    name: "OpenSearch, default data resolved as a URL",
    streamPath: "/_plugins/_ml/mcp/sse",
    endpointPrefix: "/sse/message?sessionId=",
    postUrl: resolveAgainst("/_plugins/_ml/mcp/sse"),
  },
  {
    name: "OpenSearch, default data appended to the base (Java)",
    streamPath: "/_plugins/_ml/mcp/sse",
    endpointPrefix: "/sse/message?sessionId=",
    postUrl: (base, data) => `${base}/_plugins/_ml/mcp${data}`,
  },
  {
    name: "OpenSearch, append_to_base_url=true",
    streamPath: "/_plugins/_ml/mcp/sse?append_to_base_url=true",
    endpointPrefix: "/_plugins/_ml/mcp/sse/message?sessionId=",
    postUrl: resolveAgainst("/_plugins/_ml/mcp/sse"),
  },
];

/** The Celonis built-in asset's path. */
export const CELONIS_BUILTIN = "/studio-copilot/api/v1/mcp-servers/mcp/builtin";

/** An open session: its stream, its id and the URL to POST to. */
export interface OpenSession extends AsyncDisposable {
  readonly stream: SseStream;
  readonly sessionId: string;
  readonly postUrl: string;
  /** POSTs `body`, expects 202 with an empty body, and resolves with the next message event. */
  exchange(body: unknown): Promise<unknown>;
  /** POSTs a request with `id` and resolves with the answer carrying that id. */
  request(id: string | number, method: string, params?: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** Every message event so far, parsed. */
  messages(): unknown[];
}

/** Opens a session in `dialect` and waits for its endpoint event. */
export async function openSession(base: string, dialect: SseDialect, headers: Record<string, string> = {}): Promise<OpenSession> {
  const stream = await openSseStream(base + dialect.streamPath, { headers });
  const endpoint = await stream.waitFor((event) => event.event === "endpoint");
  const sessionId = new URLSearchParams(endpoint.data.slice(endpoint.data.indexOf("?"))).get("sessionId") ?? "";
  const postUrl = dialect.postUrl(base, endpoint.data);
  const messages = (): unknown[] => stream.events.filter((e) => e.event === "message").map((e) => JSON.parse(e.data) as unknown);

  async function exchange(body: unknown): Promise<unknown> {
    const before = messages().length;
    const response = await post(postUrl, body, headers);
    expect(response.status).toBe(202);
    expect(response.text).toBe("");
    await stream.waitFor(() => messages().length > before);
    return messages()[before];
  }

  async function request(id: string | number, method: string, params?: Record<string, unknown>): Promise<Record<string, unknown>> {
    const body = params === undefined ? { jsonrpc: "2.0", id, method } : { jsonrpc: "2.0", id, method, params };
    const response = await post(postUrl, body, headers);
    expect(response.status).toBe(202);
    const event = await stream.waitFor((e) => e.event === "message" && hasId(JSON.parse(e.data), id));
    const answer = JSON.parse(event.data) as Record<string, unknown>;
    expectSpec("message", "ServerMessage", answer);
    return answer;
  }

  return {
    stream,
    sessionId,
    postUrl,
    exchange,
    request,
    messages,
    [Symbol.asyncDispose]: () => stream[Symbol.asyncDispose](),
  };
}

function hasId(message: unknown, id: string | number): boolean {
  return typeof message === "object" && message !== null && !Array.isArray(message) && (message as { id?: unknown }).id === id;
}

/** Every event of `stream` fits the spec: first `endpoint`, then `message` events of ServerMessage. */
export function expectValidStream(stream: SseStream): void {
  const [first, ...rest] = stream.events;
  expectSpec("session", "SseEndpointEvent", { event: first?.event, data: first?.data });
  for (const event of rest) expectSpec("session", "SseMessageEvent", { event: event.event, data: JSON.parse(event.data) });
}

export interface PostResult {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  json(): unknown;
}

/** POSTs `body` (JSON-encoded unless a string) with Content-Type application/json unless overridden. */
export async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<PostResult> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) as unknown };
}

/** Resolves once the app has forgotten the session `id` (bounded). */
export function sessionClosed(app: App, id: string, timeoutMs = 5_000): Promise<void> {
  if (!app.sessions.get(id)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      app.sessions.off("close", onClose);
      reject(new Error(`session ${id} still open after ${timeoutMs} ms`));
    }, timeoutMs);
    const onClose = (session: { id: string }): void => {
      if (session.id !== id) return;
      clearTimeout(timer);
      app.sessions.off("close", onClose);
      resolve();
    };
    app.sessions.on("close", onClose);
  });
}

/**
 * Writes `head` (and then whatever `feed` writes) on a raw TCP connection and resolves with the
 * raw response text once the server has answered and closed, or after `timeoutMs`.
 */
export async function rawExchange(
  port: number,
  head: string,
  feed: (write: (chunk: string | Buffer) => boolean, answered: () => boolean) => Promise<void>,
  timeoutMs = 5_000,
): Promise<{ response: string; elapsedMs: number; closed: boolean }> {
  const socket = connect(port, "127.0.0.1");
  await once(socket, "connect");
  const started = performance.now();
  let response = "";
  let answeredAt = 0;
  let closed = false;
  socket.on("data", (chunk: Buffer) => {
    response += chunk.toString("latin1");
    if (answeredAt === 0 && response.includes("\r\n\r\n")) answeredAt = performance.now();
  });
  socket.on("error", () => {});
  const ended = new Promise<void>((resolve) => socket.once("close", () => ((closed = true), resolve())));
  socket.write(head);
  await feed(
    (chunk) => (socket.writable ? socket.write(chunk) : false),
    () => answeredAt !== 0,
  );
  const timer = setTimeout(() => socket.destroy(), timeoutMs);
  await ended;
  clearTimeout(timer);
  return { response, elapsedMs: answeredAt === 0 ? Number.POSITIVE_INFINITY : answeredAt - started, closed };
}

/** The status code and parsed JSON body of a raw HTTP/1.1 response (Content-Length framed). */
export function parseRawResponse(raw: string): { status: number; headers: string; body: unknown } {
  const split = raw.indexOf("\r\n\r\n");
  const headers = raw.slice(0, split);
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(headers)?.[1]);
  const length = Number(/\r\ncontent-length: (\d+)/i.exec(headers)?.[1]);
  const body = Buffer.from(raw.slice(split + 4), "latin1").subarray(0, length).toString("utf8");
  return { status, headers, body: JSON.parse(body) as unknown };
}
