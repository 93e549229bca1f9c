/**
 * Checks a `text/event-stream` body as it is written, event by event: the bytes are UTF-8, every
 * line is a field readers know (WHATWG event-stream interpretation; parsing is eventsource-parser's),
 * a `message` event's data is JSON, and each dispatched event matches the item schema of the
 * stream the spec declares (an array of events; of several such arrays, `anyOf`, the branches
 * that every event so far fits). Memory stays bounded: one event at a time, at most 1 MiB.
 */
import { failure, type SpecName } from "@mcp-contract/api-types";
import { createParser, type EventSourceMessage, type ParseError } from "eventsource-parser";
import { nodeAt, validatorAt } from "./operations.js";

/** One array-of-events schema the stream may follow. */
interface StreamShape {
  readonly name: string;
  readonly prefix: readonly string[];
  readonly items: string | undefined;
  readonly minItems: number;
}

const MAX_EVENT_CHARS = 1024 * 1024;

/** The array schemas `pointer` allows (itself, or the branches of its anyOf/oneOf). */
export function streamShapes(spec: SpecName, pointer: string, depth = 0): StreamShape[] {
  const { value, pointer: at } = nodeAt(spec, pointer);
  const schema = value as { anyOf?: unknown[]; oneOf?: unknown[]; type?: string; prefixItems?: unknown[]; items?: unknown; minItems?: number } | undefined;
  if (!schema || depth > 8) return [];
  const branches = schema.anyOf ? "anyOf" : schema.oneOf ? "oneOf" : undefined;
  if (branches) return (schema[branches] ?? []).flatMap((_, i) => streamShapes(spec, `${at}/${branches}/${i}`, depth + 1));
  if (schema.type !== "array") return [];
  return [
    {
      name: at.split("/").at(-1) ?? at,
      prefix: (schema.prefixItems ?? []).map((_, i) => `${at}/prefixItems/${i}`),
      items: schema.items === undefined ? undefined : `${at}/items`,
      minItems: schema.minItems ?? 0,
    },
  ];
}

export class SseBodyCheck {
  private readonly decoder = new TextDecoder("utf-8", { fatal: true });
  private readonly parser = createParser({
    onEvent: (event) => this.onEvent(event),
    onError: (error) => this.onError(error),
    onRetry: (retry) => {
      this.retry = retry;
    },
    maxBufferSize: MAX_EVENT_CHARS,
  });
  private alive: StreamShape[];
  private count = 0;
  private retry: number | undefined;
  private stopped = false;
  private ending = false;

  constructor(
    private readonly spec: SpecName,
    shapes: readonly StreamShape[],
    private readonly report: (message: string) => void,
  ) {
    this.alive = [...shapes];
  }

  feed(bytes: Uint8Array): void {
    if (this.stopped) return;
    let text: string;
    try {
      text = this.decoder.decode(bytes, { stream: true });
    } catch {
      this.report(`the event stream is not UTF-8 after ${this.count} events`);
      this.stopped = true;
      return;
    }
    this.parser.feed(text);
  }

  /** The server ended the stream: an event without its blank line is lost, and the count must fit. */
  end(): void {
    if (this.stopped) return;
    this.ending = true;
    this.parser.feed("\n\n");
    if (this.stopped) return;
    const wanted = this.alive.length > 0 ? Math.min(...this.alive.map((shape) => shape.minItems)) : 0;
    if (this.count < wanted) this.report(`the event stream ended after ${this.count} events; ${this.names()} needs at least ${wanted}`);
  }

  private onEvent(message: EventSourceMessage): void {
    if (this.ending) {
      this.report(`the event stream ended inside event #${this.count + 1} (no blank line after it), so readers drop it`);
      this.stopped = true;
      return;
    }
    const index = this.count++;
    const retry = this.retry;
    this.retry = undefined;
    let data: unknown = message.data;
    if ((message.event ?? "message") === "message" && message.data !== "") {
      try {
        data = JSON.parse(message.data);
      } catch {
        this.report(`event #${index + 1} is a message whose data is not JSON: ${JSON.stringify(excerpt(message.data))}`);
        return;
      }
    }
    const event = {
      ...(message.event === undefined ? {} : { event: message.event }),
      data,
      ...(message.id === undefined ? {} : { id: message.id }),
      ...(retry === undefined ? {} : { retry }),
    };
    if (this.alive.length === 0) return;
    const fitting: StreamShape[] = [];
    let firstProblem = "";
    for (const shape of this.alive) {
      const item = shape.prefix[index] ?? shape.items;
      if (item === undefined) {
        firstProblem ||= `${shape.name} allows no event #${index + 1}`;
        continue;
      }
      const validate = validatorAt(this.spec, item);
      if (validate(event)) fitting.push(shape);
      else firstProblem ||= failure(validate.errors ?? []).message;
    }
    if (fitting.length > 0) this.alive = fitting;
    else this.report(`event #${index + 1} breaks ${this.names()}: ${firstProblem} in ${excerpt(JSON.stringify(event))}`);
  }

  private onError(error: ParseError): void {
    if (error.type === "max-buffer-size-exceeded") {
      // An event this large is not wrong, only too large to hold: stop checking this stream.
      this.stopped = true;
      return;
    }
    const what = error.type === "unknown-field" ? `an unknown field "${error.field ?? ""}", which readers ignore` : "a retry that is not an integer";
    this.report(`event stream line ${JSON.stringify(excerpt(error.line ?? ""))} has ${what}`);
  }

  private names(): string {
    return this.alive.map((shape) => shape.name).join(" or ") || "the stream";
  }
}

/** The start of `text`, for messages. */
export function excerpt(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
