/**
 * One MCP HTTP+SSE session as a client holds it: the open stream, the POST URL its `endpoint`
 * event resolved to, and request/answer correlation that accepts an answer wherever a server may
 * legitimately put it: in the POST's own body (Celonis, synchronous) or on the stream (the SSE
 * dialects). Every message the server sends is also reported to the run's observer.
 * @see https://modelcontextprotocol.io/specification/2024-11-05/basic/transports#http-with-sse
 */
import { exchange, type Exchange } from "../wire/http-exchange.js";
import type { SseConnection, StreamEvent } from "../wire/sse-connection.js";
import { classifyPayload, isResponse, messagesIn, parseJson, type AnyResponse } from "../protocol/jsonrpc-shape.js";

/** Where a message came from, for the run-wide observer. */
export type MessageSource = "stream" | "post-body";

/** What a session needs from the run: default headers, the wait bound, the abort signal, the observer. */
export interface SessionEnv {
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal | undefined;
  observe(value: unknown, source: MessageSource): void;
  /** A `message` event whose data is not one JSON-RPC message or batch. */
  observeInvalid(data: string, problem: string): void;
}

/** A `message` event, parsed (or why its data is not JSON). */
export interface StreamMessage {
  readonly event: StreamEvent;
  readonly value?: unknown;
  readonly parseProblem?: string;
}

/** The answer to one request: the POST exchange, and the response wherever it came. */
export interface Answer {
  readonly exchange: Exchange;
  readonly message?: AnyResponse | undefined;
  readonly via?: "post-body" | "stream" | undefined;
  /** Why no answer was taken: "no answer in 5000 ms on the stream (POST answered 202)", … */
  readonly problem?: string | undefined;
}

export interface PostOptions {
  /** `null` sends no Content-Type at all; the default is application/json. */
  readonly contentType?: string | null;
  readonly headers?: Readonly<Record<string, string>>;
  /** Another URL than the endpoint (the same session id elsewhere, or none). */
  readonly url?: URL | string;
  /** Replaces the session's default headers entirely (auth checks drop credentials). */
  readonly replaceHeaders?: Readonly<Record<string, string>>;
}

export interface RequestOptions extends PostOptions {
  /** Which response answers this request; the default is `id` strictly equal to the request's. */
  readonly match?: (response: AnyResponse) => boolean;
}

export class Session {
  readonly messages: StreamMessage[] = [];
  /** Ids of the requests sent through `request`, so answers to them are told from stray ones. */
  readonly sentIds = new Set<unknown>();
  readonly #unsubscribe: () => void;
  /** Events that were not `message` events (the endpoint event, others), already passed over. */
  #skipped = 0;

  constructor(
    readonly stream: SseConnection,
    /** The `endpoint` event, as dispatched. */
    readonly endpoint: StreamEvent,
    /** `new URL(endpoint.data, sseUrl)`, the way MCP clients resolve it. */
    readonly endpointUrl: URL,
    private readonly env: SessionEnv,
  ) {
    this.#unsubscribe = stream.changed.subscribe(() => this.#readMessages());
    this.#readMessages();
  }

  /** The `sessionId` query parameter of the endpoint URL, if it has one. */
  get sessionId(): string | null {
    return this.endpointUrl.searchParams.get("sessionId");
  }

  /** POSTs `body` (an object is serialized) to the endpoint URL; observes any JSON-RPC in the answer. */
  async post(body: unknown, options: PostOptions = {}): Promise<Exchange> {
    const headers: Record<string, string> = { ...(options.replaceHeaders ?? this.env.headers), ...options.headers };
    const contentType = options.contentType === undefined ? "application/json" : options.contentType;
    if (contentType !== null) headers["content-type"] = contentType;
    const result = await exchange({
      method: "POST",
      url: options.url ?? this.endpointUrl,
      headers,
      body: typeof body === "string" || Buffer.isBuffer(body) ? body : JSON.stringify(body),
      timeoutMs: this.env.timeoutMs,
      signal: this.env.signal,
    });
    const parsed = result.response ? parseJson(result.response.body.toString("utf8")) : undefined;
    if (parsed && messagesIn(parsed.value).some(isResponse)) this.env.observe(parsed.value, "post-body");
    return result;
  }

  /**
   * POSTs a request and waits for its answer: in the POST body if one is there, else on the
   * stream when the POST was accepted (2xx). An HTTP error without a JSON-RPC answer is no answer.
   */
  async request(message: unknown, options: RequestOptions = {}): Promise<Answer> {
    const id = typeof message === "object" && message !== null ? (message as { id?: unknown }).id : undefined;
    const match = options.match ?? ((response: AnyResponse) => id !== undefined && response.id === id);
    if (id !== undefined) this.sentIds.add(id);
    const mark = this.messages.length;
    const sent = await this.post(message, options);
    if (!sent.response) return { exchange: sent, problem: `POST: ${sent.error ?? "no answer"}` };
    const inBody = responsesIn(sent.response.body.toString("utf8")).find(match);
    if (inBody) return { exchange: sent, message: inBody, via: "post-body" };
    const status = sent.response.status;
    if (status < 200 || status > 299) {
      const body = sent.response.body.toString("utf8").slice(0, 200);
      return { exchange: sent, problem: `POST answered ${status} with no JSON-RPC answer${body ? ` (body: ${JSON.stringify(body)})` : ""}` };
    }
    const found = await this.waitForMessage((m) => messagesIn(m.value).some((v) => isResponse(v) && match(v)), {
      fromIndex: mark,
    });
    if (!found) {
      const why = this.stream.ended ? `the stream ended (${this.stream.endedBy})` : `no answer in ${this.env.timeoutMs} ms`;
      return { exchange: sent, problem: `${why} on the stream after POST answered ${status}` };
    }
    const answer = messagesIn(found.value).find((v): v is AnyResponse => isResponse(v) && match(v));
    return { exchange: sent, message: answer, via: "stream" };
  }

  /** The first `message` event from `fromIndex` on that matches, bounded by the wait timeout. */
  async waitForMessage(
    predicate: (message: StreamMessage) => boolean,
    { fromIndex = 0, timeoutMs = this.env.timeoutMs }: { fromIndex?: number; timeoutMs?: number } = {},
  ): Promise<StreamMessage | undefined> {
    const found = await this.stream.changed.wait(
      () => this.messages.slice(fromIndex).find(predicate) ?? (this.stream.ended ? null : undefined),
      timeoutMs,
      this.env.signal,
    );
    return found ?? undefined;
  }

  /** Disconnects the stream, ending the session for a correct server. */
  close(): void {
    this.#unsubscribe();
    this.stream.close();
  }

  #readMessages(): void {
    for (const event of this.stream.events.slice(this.messages.length + this.#skipped)) {
      if (event.event !== "message") {
        this.#skipped += 1;
        continue;
      }
      const parsed = parseJson(event.data);
      this.messages.push(parsed ? { event, value: parsed.value } : { event, parseProblem: "data is not JSON" });
      const shape = parsed ? classifyPayload(parsed.value) : { problem: "data is not JSON" };
      if (parsed && "kinds" in shape) this.env.observe(parsed.value, "stream");
      else if ("problem" in shape) this.env.observeInvalid(event.data, shape.problem);
    }
  }
}

/** The JSON-RPC responses in a POST body (one, or the items of a batch). */
export function responsesIn(text: string): AnyResponse[] {
  const parsed = text.trim() === "" ? undefined : parseJson(text);
  return parsed ? messagesIn(parsed.value).filter(isResponse) : [];
}
