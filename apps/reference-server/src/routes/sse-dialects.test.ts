import { describe, expect, it } from "vitest";
import { sessionIdOf } from "./sse-dialects.js";

describe("sessionIdOf", () => {
  it.each([
    ["sessionId=Xq3sS0w3bV1nQ2oY7r9k8A", "Xq3sS0w3bV1nQ2oY7r9k8A"],
    ["sessionId=abc&draft=true", "abc"],
    ["draft=true&sessionId=abc", "abc"],
    ["sessionId=a%2Bb", "a+b"],
    ["sessionId=a+b", "a b"],
    ["sessionId=", undefined],
    ["sessionId=&sessionId=x", undefined],
    ["sessionid=abc", undefined],
    ["", undefined],
  ])("reads %j as %j", (query, expected) => {
    expect(sessionIdOf(query)).toBe(expected);
  });
});
