/**
 * A strict reading of the `text/event-stream` grammar, from raw bytes. eventsource-parser (like
 * browsers) is lenient by design: it skips unknown fields, drops a bad `retry`, and accepts a BOM
 * anywhere a field name starts, so a stream it reads happily can still break stricter clients. This
 * checker is the one place a hand-written reader is justified.
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#parsing-an-event-stream
 */
import { escapeBytes } from "./escape-bytes.js";

/** The grammar holds for every complete line; or where, why, and the offending bytes escaped. */
export type GrammarResult =
  | { readonly ok: true; readonly lines: number; readonly events: number }
  | {
      readonly ok: false;
      /** Byte offset of the offending line (or byte) in the stream. */
      readonly offset: number;
      /** 1-based line number. */
      readonly line: number;
      readonly problem: string;
      /** The offending line and a little context before it, escaped. */
      readonly excerpt: string;
    };

const KNOWN_FIELDS = new Set(["event", "data", "id", "retry"]);
const BOM = [0xef, 0xbb, 0xbf] as const;

/**
 * Checks `bytes`, a stream read so far. When `ended` is false the last, unterminated line is
 * still arriving and is not judged.
 */
export function checkEventStreamGrammar(bytes: Uint8Array, ended = false): GrammarResult {
  const invalidAt = firstInvalidUtf8(bytes, ended);
  if (invalidAt !== undefined) {
    return fail(bytes, invalidAt, lineNumberAt(bytes, invalidAt), "invalid UTF-8 byte (an event stream is always UTF-8)");
  }
  let offset = startsWithBom(bytes, 0) ? 3 : 0;
  let lineNumber = 0;
  let events = 0;
  let fieldsInEvent = new Set<string>();
  while (offset < bytes.length) {
    const end = lineEnd(bytes, offset);
    if (end === undefined) {
      if (!ended) break;
      return fail(bytes, offset, lineNumber + 1, "the stream ended in the middle of a line (no line end)");
    }
    lineNumber += 1;
    const line = bytes.subarray(offset, end.at);
    const problem = lineProblem(line, fieldsInEvent);
    if (problem) return fail(bytes, offset, lineNumber, problem, end.next);
    if (line.length === 0) {
      if (fieldsInEvent.size > 0) events += 1;
      fieldsInEvent = new Set();
    }
    offset = end.next;
  }
  if (ended && fieldsInEvent.size > 0) {
    return fail(bytes, offset, lineNumber, "the stream ended without the blank line that dispatches its last event");
  }
  return { ok: true, lines: lineNumber, events };
}

function lineProblem(line: Uint8Array, fieldsInEvent: Set<string>): string | undefined {
  if (line.length === 0 || line[0] === 0x3a) return undefined;
  if (startsWithBom(line, 0)) return "a byte-order mark starts this line (a BOM is only allowed as the stream's first bytes)";
  const text = Buffer.from(line).toString("utf8");
  const colon = text.indexOf(":");
  const name = colon < 0 ? text : text.slice(0, colon);
  let value = colon < 0 ? "" : text.slice(colon + 1);
  if (value.startsWith(" ")) value = value.slice(1);
  if (!KNOWN_FIELDS.has(name)) {
    return `unknown field ${JSON.stringify(name)} (an event stream has event, data, id, retry and ':' comments; readers silently drop others)`;
  }
  if (name === "retry" && !/^\d+$/.test(value)) return `retry value ${JSON.stringify(value)} is not ASCII digits only`;
  if (name === "id" && value.includes("\u0000")) return "id value contains NUL (readers ignore such an id)";
  if ((name === "event" || name === "id") && fieldsInEvent.has(name)) {
    return `field "${name}" appears twice in one event: the blank line that ends the previous event is missing`;
  }
  fieldsInEvent.add(name);
  return undefined;
}

/** Where the line starting at `offset` ends (CRLF, CR or LF) and where the next one starts. */
function lineEnd(bytes: Uint8Array, offset: number): { at: number; next: number } | undefined {
  for (let i = offset; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) return { at: i, next: i + 1 };
    if (bytes[i] === 0x0d) return { at: i, next: bytes[i + 1] === 0x0a ? i + 2 : i + 1 };
  }
  return undefined;
}

function startsWithBom(bytes: Uint8Array, offset: number): boolean {
  return BOM.every((byte, i) => bytes[offset + i] === byte);
}

function lineNumberAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) line += 1;
  }
  return line;
}

function fail(bytes: Uint8Array, offset: number, line: number, problem: string, lineStop?: number): GrammarResult {
  const from = Math.max(0, offset - 40);
  const to = Math.min(bytes.length, Math.max(lineStop ?? offset + 1, offset + 1) + 20, offset + 200);
  const before = escapeBytes(bytes.subarray(from, offset), 80);
  const rest = escapeBytes(bytes.subarray(offset, to), 160);
  return { ok: false, offset, line, problem, excerpt: `${from > 0 ? "…" : ""}${before}⟨here⟩${rest}` };
}

/** Offset of the first byte that breaks UTF-8, ignoring a sequence cut off by the end of a live read. */
function firstInvalidUtf8(bytes: Uint8Array, ended: boolean): number | undefined {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    if (i + need >= bytes.length && need > 0 && !ended) {
      return continuationsValid(bytes, i, bytes.length - i - 1) ? undefined : i;
    }
    if (i + need >= bytes.length && need > 0) return i;
    if (!continuationsValid(bytes, i, need)) return i;
    i += need + 1;
  }
  return undefined;
}

function continuationsValid(bytes: Uint8Array, start: number, count: number): boolean {
  const lead = bytes[start] ?? 0;
  for (let k = 1; k <= count; k++) {
    const c = bytes[start + k] ?? 0;
    if ((c & 0xc0) !== 0x80) return false;
    // Reject overlong and surrogate forms, as a fatal TextDecoder would.
    if (k === 1 && ((lead === 0xe0 && c < 0xa0) || (lead === 0xed && c > 0x9f) || (lead === 0xf0 && c < 0x90) || (lead === 0xf4 && c > 0x8f))) {
      return false;
    }
  }
  return true;
}
