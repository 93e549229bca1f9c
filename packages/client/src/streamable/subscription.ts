/**
 * A `subscriptions/listen` stream (2026-07-28): one long-lived POST whose SSE answer starts with
 * `notifications/subscriptions/acknowledged` and then carries the change notifications asked
 * for, each stamped with the listen request's id. Closing the subscription closes the stream.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/subscriptions
 */
import { META_KEY, type JSONRPCNotification, type JSONRPCRequest } from "@mcp-contract/api-types";
import { abortable } from "../abortable.js";
import { JsonRpcError } from "../json-rpc-error.js";
import { McpTransportError } from "../mcp-transport-error.js";
import { DEFAULT_REQUEST_TIMEOUT_MS } from "../session-options.js";
import { TypedEmitter } from "../typed-emitter.js";
import { answerError } from "./answer-error.js";
import { isEventStreamType, readBoundedText, readSse } from "./read-sse.js";

/**
 * Which change notifications to receive: `toolsListChanged`, `promptsListChanged`,
 * `resourcesListChanged` (booleans) and `resourceSubscriptions` (resource URIs). The server
 * acknowledges the part it honours.
 */
export type SubscriptionFilter = Readonly<Record<string, unknown>>;

export interface SubscriptionEvents {
  /** A change notification of this subscription. */
  notification: JSONRPCNotification;
  /** The stream is over: the server ended it, it broke, or `close()` was called. */
  end: McpTransportError;
}

/** An open listen stream. */
export class Subscription extends TypedEmitter<SubscriptionEvents> {
  /** The listen request's id, which every notification of this subscription carries. */
  readonly id: JSONRPCRequest["id"];
  /** The filter the server acknowledged (it may be narrower than the one asked for). */
  readonly acknowledged: SubscriptionFilter;
  /** Resolves, never rejects, once the stream is over. */
  readonly ended: Promise<McpTransportError>;
  readonly #controller: AbortController;

  constructor(id: JSONRPCRequest["id"], acknowledged: SubscriptionFilter, controller: AbortController, ended: Promise<McpTransportError>) {
    super();
    this.id = id;
    this.acknowledged = acknowledged;
    this.#controller = controller;
    this.ended = ended;
  }

  /** @internal Delivers a notification of this subscription. */
  deliver(notification: JSONRPCNotification): void {
    this.emit("notification", notification);
  }

  /** @internal Reports the stream's end. */
  finish(reason: McpTransportError): void {
    this.emit("end", reason);
  }

  /** Closes the stream: the server ends the subscription. */
  async close(): Promise<void> {
    this.#controller.abort(new McpTransportError("stream-closed", `The subscription ${JSON.stringify(this.id)} was closed.`));
    await this.ended;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

export interface OpenSubscriptionInit {
  readonly request: JSONRPCRequest;
  readonly url: URL;
  readonly timeoutMs: number | undefined;
  readonly signal: AbortSignal | undefined;
  readonly closeSignal: AbortSignal;
  readonly maxEventBytes: number;
  readonly post: (signal: AbortSignal) => Promise<Response>;
  /** Hands every message to the transport too (its `message` and `notification` events). */
  readonly dispatch: (data: string) => void;
}

function parse(data: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(data) as unknown;
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** POSTs the listen request; resolves with the subscription once it is acknowledged. */
export async function openSubscription(init: OpenSubscriptionInit): Promise<Subscription> {
  const { request, url } = init;
  const controller = new AbortController();
  const timeoutMs = init.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const ackTimer = setTimeout(
    () => controller.abort(new McpTransportError("timeout", `subscriptions/listen on ${url.href} was not acknowledged within ${timeoutMs} ms.`)),
    timeoutMs,
  );
  const signals = [controller.signal, init.closeSignal, ...(init.signal ? [init.signal] : [])];
  const signal = AbortSignal.any(signals);
  const reason = (): McpTransportError =>
    signal.reason instanceof McpTransportError ? signal.reason : new McpTransportError("aborted", `subscriptions/listen on ${url.href} was aborted.`);
  try {
    let response: Response;
    try {
      response = await abortable(init.post(signal), signal);
    } catch (cause) {
      if (signal.aborted) throw reason();
      throw new McpTransportError("network", `POST subscriptions/listen to ${url.href} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    }
    if (!response.ok) throw await answerError("subscriptions/listen", url, response, request.id);
    if (!isEventStreamType(response) || !response.body) {
      const answer = parse(await readBoundedText(response, url, init.maxEventBytes));
      if (answer && "error" in answer) throw new JsonRpcError(answer as never);
      throw new McpTransportError("bad-answer", `subscriptions/listen on ${url.href} was not answered with an event stream.`, { status: response.status });
    }
    return await acknowledge(init, response.body, controller, signal, reason);
  } finally {
    clearTimeout(ackTimer);
  }
}

function acknowledge(
  init: OpenSubscriptionInit,
  body: ReadableStream<Uint8Array>,
  controller: AbortController,
  signal: AbortSignal,
  reason: () => McpTransportError,
): Promise<Subscription> {
  const { request, url } = init;
  return new Promise<Subscription>((resolve, reject) => {
    let subscription: Subscription | undefined;
    let markEnded!: (reason: McpTransportError) => void;
    const ended = new Promise<McpTransportError>((done) => {
      markEnded = done;
    });
    const onEvent = (data: string): void => {
      const message = parse(data);
      if (!message) return;
      init.dispatch(data);
      if (!subscription) {
        if ("error" in message && message["id"] === request.id) reject(new JsonRpcError(message as never));
        if (message["method"] !== "notifications/subscriptions/acknowledged") return;
        const params = (message["params"] ?? {}) as Record<string, unknown>;
        subscription = new Subscription(request.id, (params["notifications"] ?? {}) as SubscriptionFilter, controller, ended);
        resolve(subscription);
        return;
      }
      const meta = ((message["params"] as Record<string, unknown> | undefined)?.["_meta"] ?? {}) as Record<string, unknown>;
      if (typeof message["method"] === "string" && meta[META_KEY.SUBSCRIPTION_ID] === request.id) {
        subscription.deliver(message as unknown as JSONRPCNotification);
      }
    };
    // Closing the subscription fires `signal`, which ends the POST and cancels the reader.
    readSse(body, url, init.maxEventBytes, { onEvent: (event) => event.data.trim() !== "" && onEvent(event.data), signal }).then(
      () => new McpTransportError("stream-closed", `The server ended the subscription stream of ${url.href}.`),
      (cause: unknown) =>
        signal.aborted ? reason() : new McpTransportError("stream-closed", `The subscription stream of ${url.href} broke.`, { cause }),
    ).then((why) => {
      reject(why);
      subscription?.finish(why);
      markEnded(why);
    });
  });
}
