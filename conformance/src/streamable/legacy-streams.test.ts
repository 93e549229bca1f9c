import { describe, expect, it } from "vitest";
import { retriesOf } from "./legacy-streams.js";

describe("retriesOf", () => {
  it.each([
    ["LF line ends", "id: 1\nretry: 1000\ndata:\n\n", [1000]],
    ["CR-only line ends", "retry: 250\rdata:\r\r", [250]],
    ["CRLF line ends, no space", "retry:5\r\n\r\n", [5]],
    ["several, in order", "retry: 1\n\nretry: 2\n\n", [1, 2]],
    ["not digits only (ignored by the WHATWG rules)", "retry: 1x\n\nretry: -5\n\nretry:\n\n", []],
    ["a data line that mentions retry", "data: retry: 9\n\n", []],
  ])("reads %s", (_, text, want) => {
    expect(retriesOf(Buffer.from(text))).toEqual(want);
  });
});
