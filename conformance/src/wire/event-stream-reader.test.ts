import { describe, expect, it } from "vitest";
import { EventStreamReader, readEventStream, type ReadEvent } from "./event-stream-reader.js";
import { libraryNotesForBody, LibraryReading } from "./library-reading.js";

/** Three events in every line-end style (WHATWG: `end-of-line = ( cr lf / cr / lf )`), with a comment, an id and multi-line data. */
const EVENTS: ReadEvent[] = [
  { event: "endpoint", data: "/messages?sessionId=1", id: undefined },
  { event: "message", data: '{"jsonrpc":"2.0","id":1,"result":{}}', id: "7" },
  { event: "message", data: "line one\nline two", id: undefined },
];
const FRAMES = ["event: endpoint", "data: /messages?sessionId=1", "", ": keep-alive", "", "id: 7", 'data: {"jsonrpc":"2.0","id":1,"result":{}}', "", "data: line one", "data:line two", ""];

/** The stream's bytes, and after which byte each event is complete (the first byte of its blank line's line end). */
function framed(end: string): { bytes: Buffer; completeAt: number[] } {
  let text = "";
  const completeAt: number[] = [];
  for (const [index, line] of FRAMES.entries()) {
    text += line;
    if (line === "" && FRAMES[index - 1]?.startsWith(":") !== true) completeAt.push(Buffer.byteLength(text) + 1);
    text += end;
  }
  return { bytes: Buffer.from(text, "utf8"), completeAt };
}

function reader(): { read: EventStreamReader; events: ReadEvent[] } {
  const events: ReadEvent[] = [];
  return { read: new EventStreamReader({ onEvent: (event) => events.push(event) }), events };
}

describe.each([
  ["CR-only", "\r"],
  ["CRLF", "\r\n"],
  ["LF", "\n"],
])("EventStreamReader on a %s stream", (_, end) => {
  const { bytes, completeAt } = framed(end);
  const splits = Array.from({ length: bytes.length + 1 }, (_, k) => k);

  it.each(splits)("split at byte %i: every event, each dispatched as soon as its blank line ends", (k) => {
    const { read, events } = reader();
    read.feed(bytes.subarray(0, k));
    expect(events).toEqual(EVENTS.slice(0, completeAt.filter((at) => at <= k).length));
    read.feed(bytes.subarray(k));
    expect(events).toEqual(EVENTS);
  });

  it("reads the same byte by byte", () => {
    const { read, events } = reader();
    for (const byte of bytes) read.feed(Uint8Array.of(byte));
    expect(events).toEqual(EVENTS);
  });

  it("eventsource-parser agrees at every split, except that it holds an event whose read ends on its CR", () => {
    for (const k of splits) {
      const both = readBoth();
      both.feed(bytes.subarray(0, k), 0);
      const heldOnCr = end !== "\n" && completeAt.includes(k);
      expect(both.library.notes(5, false), `split at ${k}`).toEqual(
        heldOnCr ? [expect.stringMatching(/had not dispatched event #\d 5 ms after its blank line: the read ended on a lone CR/)] : [],
      );
      both.feed(bytes.subarray(k), 9);
      // With CRLF the LF that follows releases the event at once; with CR only, the next event's bytes do, late.
      const late = end === "\r" && heldOnCr && k < bytes.length;
      const never = end === "\r" ? [expect.stringMatching(/never dispatched the last event: the stream ended on a lone CR/)] : [];
      expect(both.library.notes(9, true), `split at ${k}, then the rest`).toEqual([
        ...(late ? [expect.stringMatching(/event #\d reached eventsource-parser .* only 9 ms after its blank line/)] : []),
        ...never,
      ]);
    }
  });
});

/** The grammar reader and the library fed the same reads, as SseConnection does. */
function readBoth(): { feed: (bytes: Uint8Array, at: number) => void; library: LibraryReading } {
  const { read, events } = reader();
  const library = new LibraryReading(() => events, 1 << 20);
  return {
    library,
    feed(bytes, at) {
      read.feed(bytes);
      library.feed(bytes, at);
    },
  };
}

describe("EventStreamReader", () => {
  it("strips a BOM only at the very start, even when it arrives one byte at a time", () => {
    const { read, events } = reader();
    for (const byte of Buffer.from("\ufeffdata: x\n\n\ufeffdata: y\n\ndata: z\n\n")) read.feed(Uint8Array.of(byte));
    // The second BOM makes its line the unknown field "\ufeffdata", which is ignored.
    expect(events.map((e) => e.data)).toEqual(["x", "z"]);
  });

  it("ignores unknown fields, retry and an id with NUL; an event without data is not dispatched", () => {
    expect(readEventStream(Buffer.from("foo: bar\nretry: 10\nid: a\u0000b\ndata: x\n\nevent: lonely\n\n")).events).toEqual([{ event: "message", data: "x", id: undefined }]);
  });

  it("stops at a line longer than its bound, naming the bound", () => {
    const result = readEventStream(Buffer.alloc(2048, 0x61), 1024);
    expect(result).toEqual({ events: [], overflow: "the server sent a line longer than 1024 bytes" });
  });

  it("stops at an event larger than its bound, however short its lines", () => {
    const { read, events } = reader();
    const bounded = new EventStreamReader({ onEvent: (event) => events.push(event), maxEventBytes: 1024 });
    for (let i = 0; i < 200 && bounded.overflow === undefined; i++) bounded.feed(Buffer.from("data: 0123456789\n"));
    expect(bounded.overflow).toBe("the server sent an event larger than 1024 bytes");
    expect(events).toEqual([]);
    read.feed(Buffer.from("data: fine\n\n"));
    expect(events).toEqual([{ event: "message", data: "fine", id: undefined }]);
  });
});

describe("libraryNotesForBody", () => {
  it("says the library never dispatches a body's last event when its last line end is a lone CR", () => {
    const body = Buffer.from('event: message\rdata: {"id":1}\r\r');
    const ours = readEventStream(body).events;
    expect(ours).toHaveLength(1);
    expect(libraryNotesForBody(body, ours, 1 << 20)).toEqual([expect.stringMatching(/never dispatched the last event: the stream ended on a lone CR/)]);
  });

  it.each(["\n", "\r\n"])("has nothing to say about a body framed with %j", (end) => {
    const { bytes } = framed(end);
    expect(libraryNotesForBody(bytes, readEventStream(bytes).events, 1 << 20)).toEqual([]);
  });
});
