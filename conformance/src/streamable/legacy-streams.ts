/**
 * The SSE streams of a 2025 session, as the resumability checks need them: a POST whose answer is
 * asked for as a stream, the events of such an answer with their ids and `retry` fields, and the
 * session's GET stream (plain, or resuming with `Last-Event-ID`).
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#resumability-and-redelivery
 */
import { MCP_HEADER } from "@mcp-contract/api-types";
import type { CheckContext } from "../run/check-context.js";
import { readEventStream } from "../wire/event-stream-reader.js";
import type { Exchange } from "../wire/http-exchange.js";
import type { SseConnection } from "../wire/sse-connection.js";
import type { LegacySession } from "./legacy-check.js";
import { mediaType, postLegacy } from "./streamable-exchange.js";

/** One event of an SSE answer: its id (if any) and its data. */
export interface AnswerEvent {
  readonly id: string | undefined;
  readonly data: string;
}

/** What an SSE answer held: its events in order and every `retry` value it sent. */
export interface AnswerStream {
  readonly events: readonly AnswerEvent[];
  readonly retries: readonly number[];
}

/**
 * The events of an SSE body (none for any other answer), read by the WHATWG rules. The rule that
 * an id field sets the last event id for later events too is not applied: the checks ask which
 * events carried one.
 */
export function eventsOf(exchange: Exchange): AnswerStream {
  if (mediaType(exchange) !== "text/event-stream") return { events: [], retries: [] };
  const body = exchange.response?.body ?? Buffer.alloc(0);
  const events = readEventStream(body).events.map((event) => ({ id: event.id, data: event.data }));
  return { events, retries: retriesOf(body) };
}

/**
 * Every valid `retry` field of an event stream: a line `retry:` (one optional space) and ASCII
 * digits only, line ends CRLF, LF or CR; anything else the WHATWG rules ignore.
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */
export function retriesOf(body: Uint8Array): number[] {
  const retries: number[] = [];
  for (const line of Buffer.from(body).toString("utf8").split(/\r\n|\r|\n/)) {
    const match = /^retry: ?([0-9]+)$/.exec(line);
    if (match) retries.push(Number(match[1]));
  }
  return retries;
}

/**
 * The note every check that asks for a stream adds: a server may answer a client's usual Accept
 * (both types) with JSON, and is then asked once more with `Accept: text/event-stream` alone.
 */
export const STREAM_ASKED =
  "tools/list with Accept: application/json, text/event-stream; answered in JSON, asked again with Accept: text/event-stream alone (a server that still does not stream is not judged on it)";

/**
 * `tools/list` with `id` in the session, answered as an SSE stream if the server will: with the
 * usual Accept first (some servers refuse any other, 406), then asking for the stream alone.
 */
export async function postForStream(ctx: CheckContext, session: LegacySession, id: number): Promise<Exchange> {
  const message = { jsonrpc: "2.0", id, method: "tools/list" };
  const usual = await postLegacy(ctx, session, message);
  if (mediaType(usual) === "text/event-stream" || usual.response?.status !== 200) return usual;
  return postLegacy(ctx, session, { ...message, id: `${id}-stream` }, { Accept: "text/event-stream" });
}

/** The headers a GET in the session carries: the run's, the session id and revision, and `extra`. */
export function sessionGetHeaders(ctx: CheckContext, session: LegacySession, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  return {
    ...ctx.settings.headers,
    Accept: "text/event-stream",
    [MCP_HEADER.PROTOCOL_VERSION]: session.version,
    ...(session.sessionId !== undefined && { [MCP_HEADER.SESSION_ID]: session.sessionId }),
    ...extra,
  };
}

/** Opens the session's GET stream (closed when the check ends) and waits for its head. */
export async function openSessionStream(ctx: CheckContext, session: LegacySession, extra: Readonly<Record<string, string>> = {}): Promise<SseConnection> {
  const stream = ctx.openStream({ headers: sessionGetHeaders(ctx, session, extra) });
  await stream.waitForHeaders(ctx.timeoutMs, ctx.signal);
  return stream;
}

/** The media type of a stream's answer, lower case, parameters dropped. */
export function streamMediaType(stream: SseConnection): string {
  const value = stream.headers?.["content-type"];
  return (Array.isArray(value) ? value[0] : value ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}
