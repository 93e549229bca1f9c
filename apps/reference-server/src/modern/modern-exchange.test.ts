import fc from "fast-check";
import type { ServerMessage } from "@mcp-contract/api-types";
import { describe, expect, it } from "vitest";
import { modernAnswer, modernAnswerJson, type CacheHints } from "./modern-exchange.js";

type Answer = Exclude<ServerMessage, unknown[]>;

/** Keys a result may carry, modernAnswer's own among them, plus ones JSON treats specially. */
const KEYS = ["content", "structuredContent", "isError", "resultType", "_meta", "ttlMs", "cacheScope", "__proto__", "toJSON", "10", "2", "é/\"x"];

/** A result built with defineProperty, so `__proto__` is an own member as JSON.parse makes it. */
const result = fc
  .array(fc.tuple(fc.constantFrom(...KEYS), fc.oneof(fc.jsonValue(), fc.constant(undefined))), { maxLength: 6 })
  .map((entries) => {
    const value: Record<string, unknown> = {};
    for (const [key, member] of entries) Object.defineProperty(value, key, { value: member, enumerable: true, configurable: true, writable: true });
    return value;
  });

const hints = fc.option(fc.record({ ttlMs: fc.nat(), cacheScope: fc.constantFrom("public", "private") }) as fc.Arbitrary<CacheHints>, { nil: undefined });
const id = fc.oneof(fc.integer(), fc.string());

describe("modernAnswerJson", () => {
  it("is the JSON of modernAnswer for any result, id and caching hints", () => {
    fc.assert(
      fc.property(result, id, hints, (value, requestId, cacheHints) => {
        const answer = { jsonrpc: "2.0", id: requestId, result: value } as Answer;
        expect(modernAnswerJson(answer, cacheHints)).toBe(JSON.stringify(modernAnswer(answer, cacheHints)));
      }),
      { numRuns: 2_000 },
    );
  });

  it.each([
    ["a tool result", { content: [{ type: "text", text: "hi" }], structuredContent: { text: "hi" } }, undefined],
    ["an empty result", {}, undefined],
    ["an empty result with caching hints", {}, { ttlMs: 0, cacheScope: "public" }],
    ["a result that has its resultType and _meta", { resultType: "input_required", _meta: { a: 1 }, x: 1 }, undefined],
    ["a result with toJSON", { toJSON: () => ({ replaced: true }) }, undefined],
  ] as const)("is the JSON of modernAnswer for %s", (_name, value, cacheHints) => {
    const answer = { jsonrpc: "2.0", id: 7, result: value } as unknown as Answer;
    expect(modernAnswerJson(answer, cacheHints)).toBe(JSON.stringify(modernAnswer(answer, cacheHints)));
  });

  it("leaves an error response as it is", () => {
    const answer = { jsonrpc: "2.0", id: "a", error: { code: -32602, message: "Invalid params" } } as Answer;
    expect(modernAnswerJson(answer)).toBe(JSON.stringify(answer));
  });
});
