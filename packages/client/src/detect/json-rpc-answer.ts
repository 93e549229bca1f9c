/**
 * Finds the JSON-RPC answer to one request in a probe's body: the JSON object itself, or the SSE
 * `message` event that carries it. Values are untrusted, so they are checked, not cast.
 */
import type { EventSourceMessage } from "eventsource-parser";
import type { BoundedBody } from "./read-bounded-body.js";

/** A JSON object from the wire, before anything is known about it. */
export type JsonObject = Readonly<Record<string, unknown>>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A JSON-RPC response (result or error) to `id`, checked field by field. */
export interface ProbeAnswer {
  readonly result?: JsonObject | undefined;
  readonly error?: { readonly code: number; readonly message: string; readonly data?: unknown } | undefined;
  readonly id: unknown;
}

function asAnswer(value: unknown): ProbeAnswer | undefined {
  if (!isJsonObject(value) || value["jsonrpc"] !== "2.0") return undefined;
  if (isJsonObject(value["result"])) return { id: value["id"], result: value["result"] };
  const error = value["error"];
  if (isJsonObject(error) && typeof error["code"] === "number" && Number.isInteger(error["code"])) {
    const message = typeof error["message"] === "string" ? error["message"] : "";
    return { id: value["id"], error: { code: error["code"], message, data: error["data"] } };
  }
  return undefined;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Whether an SSE event carries the answer to `id` (what the reader can stop at). */
export function isAnswerEvent(id: string | number): (event: EventSourceMessage) => boolean {
  return (event) => {
    if (event.event !== undefined && event.event !== "message") return false;
    const answer = asAnswer(parse(event.data));
    return answer !== undefined && answer.id === id;
  };
}

/**
 * The answer to `id` in `body`. An error answer with `id: null` counts too: servers use it when
 * they reject a request before reading its id (HTTP 400 bodies).
 */
export function findAnswer(body: BoundedBody | undefined, id: string | number): ProbeAnswer | undefined {
  if (!body) return undefined;
  const candidates = body.events.length > 0 ? body.events.map((event) => parse(event.data)) : [parse(body.text)];
  for (const candidate of candidates) {
    const answer = asAnswer(candidate);
    if (answer && (answer.id === id || (answer.error && (answer.id === null || answer.id === undefined)))) return answer;
  }
  return undefined;
}
