/**
 * One step of era detection: one HTTP exchange, bounded in time and size, recorded as evidence
 * (what was sent, what came back, how long it took) whatever happened. Credentials are never
 * recorded: only the protocol's own headers are.
 */
import type { EventSourceMessage } from "eventsource-parser";
import { abortable } from "../abortable.js";
import type { FetchLike } from "../connection-options.js";
import { readBoundedBody, type BoundedBody } from "./read-bounded-body.js";

/** Which step of the detection a trace entry is. */
export type ProbeStepName =
  /** POST `server/discover` with the 2026-07-28 headers and `_meta`. */
  | "modern-discover"
  /** POST `initialize` without modern headers: a 2025 Streamable HTTP server answers it. */
  | "initialize"
  /** GET the URL expecting the HTTP+SSE `endpoint` event. */
  | "sse-endpoint"
  /** DELETE of a session a step created, so detection leaves nothing behind. */
  | "delete-session";

/** What a step sent. */
export interface ProbeRequest {
  readonly method: "POST" | "GET" | "DELETE";
  readonly url: string;
  /** The JSON-RPC method of a POST body. */
  readonly rpcMethod?: string | undefined;
  /** The protocol headers sent (never credentials or custom headers). */
  readonly headers: Readonly<Record<string, string>>;
}

/** One entry of the detection trace. */
export interface ProbeStep {
  readonly name: ProbeStepName;
  readonly request: ProbeRequest;
  /** The HTTP status; undefined when no answer came (network failure, time bound). */
  readonly status: number | undefined;
  /** The answer's headers that tell the eras apart (content type, session id, version, Allow, auth challenge). */
  readonly headers: Readonly<Record<string, string>>;
  /** The start of the body, at most the detection's `maxExcerptChars`. */
  readonly bodyExcerpt: string;
  readonly durationMs: number;
  /** Why no complete answer came: network error, time bound, reset. */
  readonly failure: string | undefined;
  /** What the detection concluded from this step. */
  readonly verdict: string;
}

/** The protocol headers worth recording from a request. */
const REQUEST_HEADERS_OF_INTEREST = ["accept", "content-type", "mcp-protocol-version", "mcp-method", "mcp-name", "mcp-session-id", "last-event-id"];
/** The answer headers worth recording. */
const RESPONSE_HEADERS_OF_INTEREST = ["content-type", "mcp-session-id", "mcp-protocol-version", "allow", "www-authenticate", "location"];

export interface StepContext {
  readonly fetch: FetchLike;
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
  readonly maxExcerptChars: number;
  readonly signal?: AbortSignal | undefined;
}

/** Why a step got no complete answer. */
export type StepFailureKind = "network" | "timeout" | "aborted" | "read";

export interface StepExchange {
  readonly response: Response | undefined;
  readonly failureKind: StepFailureKind | undefined;
  readonly body: BoundedBody | undefined;
  /** Builds the trace entry once the caller has decided what the step means. */
  record(verdict: string): ProbeStep;
}

export interface StepInit {
  readonly name: ProbeStepName;
  readonly url: URL;
  readonly method: "POST" | "GET" | "DELETE";
  readonly headers: Headers;
  readonly body?: unknown;
  readonly rpcMethod?: string | undefined;
  readonly stopAt?: ((event: EventSourceMessage) => boolean) | undefined;
}

function pick(headers: Headers, names: readonly string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of names) {
    const value = headers.get(name);
    if (value !== null) picked[name] = value;
  }
  return picked;
}

/** Sends one request and reads its answer, all within `ctx.timeoutMs`; never throws for the server's behaviour. */
export async function runStep(ctx: StepContext, init: StepInit): Promise<StepExchange> {
  const started = performance.now();
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException(`no complete answer within ${ctx.timeoutMs} ms`, "TimeoutError")),
    ctx.timeoutMs,
  );
  const signal = ctx.signal ? AbortSignal.any([controller.signal, ctx.signal]) : controller.signal;
  const request: ProbeRequest = {
    method: init.method,
    url: init.url.href,
    rpcMethod: init.rpcMethod,
    headers: pick(init.headers, REQUEST_HEADERS_OF_INTEREST),
  };
  let response: Response | undefined;
  let body: BoundedBody | undefined;
  let failure: string | undefined;
  let failureKind: StepFailureKind | undefined;
  try {
    const payload = init.body === undefined ? undefined : JSON.stringify(init.body);
    response = await abortable(ctx.fetch(new Request(init.url, { method: init.method, headers: init.headers, body: payload, signal })), signal);
    body = await readBoundedBody(response, { maxBytes: ctx.maxBodyBytes, stopAt: init.stopAt, signal });
    failure = body.failure;
    if (failure !== undefined) failureKind = failureKindOf(signal);
  } catch (cause) {
    failure = signal.aborted ? abortReason(signal.reason) : networkReason(cause);
    failureKind = signal.aborted ? failureKindOf(signal) : "network";
  } finally {
    clearTimeout(timer);
    // Ends anything still open on this exchange (a stream the reader stopped early on).
    controller.abort();
  }
  const durationMs = Math.round(performance.now() - started);
  const excerpt = (body?.text ?? "").slice(0, ctx.maxExcerptChars);
  return {
    response,
    body,
    failureKind,
    record: (verdict) => ({
      name: init.name,
      request,
      status: response?.status,
      headers: response ? pick(response.headers, RESPONSE_HEADERS_OF_INTEREST) : {},
      bodyExcerpt: excerpt,
      durationMs,
      failure,
      verdict,
    }),
  };
}

function failureKindOf(signal: AbortSignal): StepFailureKind {
  if (!signal.aborted) return "read";
  return isTimeout(signal.reason) ? "timeout" : "aborted";
}

function isTimeout(reason: unknown): boolean {
  return reason instanceof Error && reason.name === "TimeoutError";
}

function abortReason(reason: unknown): string {
  if (isTimeout(reason)) return (reason as Error).message;
  return `aborted by the caller${reason instanceof Error ? `: ${reason.message}` : ""}`;
}

/** fetch's own TypeError says only "fetch failed"; its cause names the refused port or the TLS error. */
function networkReason(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  return cause.cause instanceof Error ? `${cause.message}: ${cause.cause.message}` : cause.message;
}
