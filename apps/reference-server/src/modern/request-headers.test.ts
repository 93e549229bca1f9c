import fc from "fast-check";
import { BASE64_SENTINEL } from "@mcp-contract/api-types";
import { describe, expect, it } from "vitest";
import { nameHeader, tokenHeader } from "./request-headers.js";

/** The rules as the spec states them; the module checks them with loops. */
const TOKEN = /^[\x21-\x7e]+$/;
const PLAIN = /^[\x21-\x7e](?:[\x20\x21-\x7e\t]*[\x21-\x7e])?$/;

/** Header-like strings: visible ASCII with spaces, tabs, controls, DEL and Latin-1 mixed in. */
const value = fc.string({ unit: fc.oneof(fc.constantFrom(" ", "\t", "\x00", "\x1f", "\x7f", "\x80", "é", "ÿ"), fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code))), maxLength: 12 });

describe("request-metadata header values", () => {
  it("takes a token header exactly when it is one or more visible ASCII characters", () => {
    fc.assert(
      fc.property(value, (text) => {
        expect(tokenHeader({ "mcp-method": text }, "mcp-method")).toEqual(
          TOKEN.test(text) ? { kind: "value", value: text } : { kind: "invalid", why: "must be one value of visible ASCII characters" },
        );
      }),
      { numRuns: 3_000 },
    );
  });

  it("takes an Mcp-Name exactly when it is visible ASCII with inner spaces and tabs", () => {
    fc.assert(
      fc.property(value, (text) => {
        const read = nameHeader({ "mcp-name": text });
        if (!PLAIN.test(text)) expect(read.kind).toBe("invalid");
        else if (!text.startsWith(BASE64_SENTINEL.PREFIX)) expect(read).toEqual({ kind: "value", value: text });
      }),
      { numRuns: 3_000 },
    );
  });

  it.each(["", " ", "a ", " a", "a\tb", "a b", "\ta", "é"])("reads %j as the regexes do", (text) => {
    expect(tokenHeader({ "mcp-method": text }, "mcp-method").kind).toBe(TOKEN.test(text) ? "value" : "invalid");
    expect(nameHeader({ "mcp-name": text }).kind).toBe(PLAIN.test(text) ? "value" : "invalid");
  });
});
