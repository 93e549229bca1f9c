import { createParser, type EventSourceMessage } from "eventsource-parser";
import { describe, expect, it } from "vitest";
import { completeLinesAtCr } from "./whatwg-line-ends.js";

const LINES = ["event: endpoint", "data: /messages?sessionId=1", "", ": ping", "", "data: a", "data: b", ""];
const WANT = [
  { event: "endpoint", data: "/messages?sessionId=1", id: undefined },
  { event: undefined, data: "a\nb", id: undefined },
];

describe.each([
  ["CR-only", "\r"],
  ["CRLF", "\r\n"],
  ["LF", "\n"],
])("completeLinesAtCr on a %s stream", (_, end) => {
  const text = LINES.map((line) => line + end).join("");
  /** After which character each event is complete (the first character of its blank line's line end). */
  const completeAt = [LINES.indexOf(""), LINES.lastIndexOf("")].map((i) => LINES.slice(0, i).map((line) => line + end).join("").length + 1);

  it("dispatches every event as soon as its blank line ends, at every split point", () => {
    for (let k = 0; k <= text.length; k++) {
      const events: EventSourceMessage[] = [];
      const feed = completeLinesAtCr(createParser({ onEvent: (event) => events.push(event) }).feed);
      feed(text.slice(0, k));
      expect(events, `split at ${k}`).toEqual(WANT.slice(0, completeAt.filter((at) => at <= k).length));
      feed(text.slice(k));
      expect(events, `split at ${k}, then the rest`).toEqual(WANT);
    }
  });
});
