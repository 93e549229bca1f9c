/**
 * Step 3: the deprecated HTTP+SSE transport. GET the URL; its first event must be `endpoint`.
 * The stream is closed as soon as that event (or anything else) has arrived.
 * @see https://modelcontextprotocol.io/specification/2024-11-05/basic/transports#http-with-sse
 */
import { isEventStream } from "./read-bounded-body.js";
import { runStep, type StepContext, type StepExchange } from "./probe-step.js";

export type SseVerdict = { readonly sse: true; readonly endpoint: string; readonly note: string } | { readonly sse: false; readonly note: string };

export async function probeSseEndpoint(
  ctx: StepContext,
  url: URL,
  baseHeaders: Headers,
): Promise<{ exchange: StepExchange; verdict: SseVerdict }> {
  const headers = new Headers(baseHeaders);
  headers.set("accept", "text/event-stream");
  // The first event decides; comments (keep-alives) before it do not count as events.
  const exchange = await runStep(ctx, { name: "sse-endpoint", url, method: "GET", headers, stopAt: () => true });
  const response = exchange.response;
  if (!response) return { exchange, verdict: { sse: false, note: "no answer" } };
  if (!response.ok) return { exchange, verdict: { sse: false, note: `a ${response.status} answer` } };
  if (!isEventStream(response)) {
    const type = response.headers.get("content-type") ?? "no content type";
    return { exchange, verdict: { sse: false, note: `a ${response.status} answer of ${type}, not an event stream` } };
  }
  const first = exchange.body?.events[0];
  if (!first) return { exchange, verdict: { sse: false, note: "an event stream with no event" } };
  if (first.event !== "endpoint" || first.data.trim() === "") {
    return { exchange, verdict: { sse: false, note: `an event stream whose first event is "${first.event ?? "message"}", not endpoint` } };
  }
  return { exchange, verdict: { sse: true, endpoint: first.data, note: `HTTP+SSE: endpoint event "${first.data}"` } };
}
