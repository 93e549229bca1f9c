import { describe, expect, it } from "vitest";
import { checkEventStreamGrammar } from "./sse-grammar.js";

const bytes = (text: string | number[]): Uint8Array => (typeof text === "string" ? Buffer.from(text, "utf8") : Uint8Array.from(text));

describe("checkEventStreamGrammar", () => {
  it.each([
    ["LF line ends", "event: endpoint\ndata: /m?sessionId=1\n\n"],
    ["CRLF line ends", "event: endpoint\r\ndata: /m\r\n\r\n"],
    ["CR line ends", "event: endpoint\rdata: /m\r\r"],
    ["mixed line ends", "event: endpoint\r\ndata: /m\n\r"],
    ["multi-line data", "data: {\ndata: }\n\n"],
    ["comments", ": keep-alive\n\n:\n\n"],
    ["a field without a colon", "data\n\n"],
    ["no space after the colon", "data:x\n\n"],
    ["retry digits", "retry: 3000\n\n"],
    ["a BOM at the very start", [0xef, 0xbb, 0xbf, ...Buffer.from("data: x\n\n")]],
    ["a partial last line while the stream is live", "data: x\n\nevent: mess"],
    ["UTF-8 in data", "data: héllo ✓\n\n"],
    ["a UTF-8 sequence cut by the read", [...Buffer.from("data: "), 0xe2, 0x9c]],
  ] as const)("accepts %s", (_, input) => {
    expect(checkEventStreamGrammar(bytes(input as string | number[]))).toMatchObject({ ok: true });
  });

  it.each([
    ["an unknown field", "event: endpoint\nfoo: bar\n\n", /unknown field "foo"/, 2],
    ["retry with a unit", "retry: 1s\n\n", /retry value "1s"/, 1],
    ["an id with NUL", "id: a\u0000b\n\n", /NUL/, 1],
    ["a second event field without a blank line", "event: a\ndata: 1\nevent: b\n\n", /blank line .* missing/, 3],
    ["a BOM starting a later line", [...Buffer.from("data: x\n\n"), 0xef, 0xbb, 0xbf, ...Buffer.from("data: y\n\n")], /byte-order mark/, 3],
    ["invalid UTF-8", [...Buffer.from("data: "), 0xff, 0x0a, 0x0a], /invalid UTF-8/, 1],
    ["a pretty-printed JSON body without data: prefixes", 'event: message\ndata: {\n  "jsonrpc": "2.0"\n}\n\n', /unknown field " {2}\\"jsonrpc\\""/, 3],
  ] as const)("rejects %s, naming the line", (_, input, problem, line) => {
    const result = checkEventStreamGrammar(bytes(input as string | number[]));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem).toMatch(problem);
      expect(result.line).toBe(line);
      expect(result.excerpt).toContain("⟨here⟩");
    }
  });

  it("shows the offending bytes escaped", () => {
    const result = checkEventStreamGrammar(bytes("data: ok\r\nretry: soon\r\n\r\n"));
    expect(result).toMatchObject({ ok: false, excerpt: "data: ok\\r\\n⟨here⟩retry: soon\\r\\n\\r\\n" });
  });

  it("rejects an ended stream whose last event was never dispatched", () => {
    expect(checkEventStreamGrammar(bytes("data: x\n"), true)).toMatchObject({ ok: false, problem: /without the blank line/ });
    expect(checkEventStreamGrammar(bytes("data: x"), true)).toMatchObject({ ok: false, problem: /middle of a line/ });
  });
});
