import { describe, expect, it } from "vitest";
import { choiceError, closest, didYouMean, editDistance, nearNames, withHelpPointer } from "./argument-errors.js";

const OPTIONS = ["profile", "transport", "era", "tool", "tool-args", "reporter", "output", "registry", "registry-token", "timeout", "deadline", "strict"];

describe("editDistance", () => {
  it.each<[string, string, number]>([
    ["reporter", "reporter", 0],
    ["reportr", "reporter", 1],
    ["chek", "check", 1],
    ["chekc", "check", 1],
    ["jsn", "json", 1],
    ["", "era", 3],
    ["kitten", "sitting", 3],
  ])("%s → %s is %i", (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});

describe("closest", () => {
  it.each<[string, string | undefined]>([
    ["reportr", "reporter"],
    ["REPORTER", "reporter"],
    ["timout", "timeout"],
    ["strcit", "strict"],
    // A part of exactly one name, as a user shortens it.
    ["time", "timeout"],
    ["args", "tool-args"],
    // Close to nothing: no guess rather than a wrong one.
    ["zzzzz", undefined],
    ["verbose", undefined],
    ["", undefined],
    // A part of several names is no guess either.
    ["regis", undefined],
  ])("%j → %j", (input, expected) => {
    expect(closest(input, OPTIONS)).toBe(expected);
  });

  it("breaks a tie by the order of the candidates", () => {
    expect(closest("ab", ["ac", "ad"])).toBe("ac");
  });

  it("allows one edit in a short word, about one in three in a long one", () => {
    expect(closest("xra", ["era"])).toBe("era");
    expect(closest("xxa", ["era"])).toBeUndefined();
    expect(closest("rgistry-tokn", ["registry-token"])).toBe("registry-token");
  });
});

describe("didYouMean", () => {
  it("says the guess in the caller's format, or nothing", () => {
    expect(didYouMean("reportr", OPTIONS, (name) => `--${name}`)).toBe("; did you mean --reporter?");
    expect(didYouMean("zzzzz", OPTIONS)).toBe("");
  });
});

describe("nearNames", () => {
  it("lists the close and the containing names, nearest first, up to the limit", () => {
    const ids = ["sse-framing", "sse", "streamable-sse-framing", "mcp-ping", "sse-keepalive"];
    expect(nearNames("sse-framin", ids, 5)).toEqual(["sse-framing", "sse", "streamable-sse-framing"]);
    expect(nearNames("sse-framin", ids, 1)).toEqual(["sse-framing"]);
    expect(nearNames("mcp-pign", ids, 5)).toEqual(["mcp-ping"]);
    expect(nearNames("registry", ids, 5)).toEqual([]);
  });
});

describe("choiceError", () => {
  it("lists the allowed values and suggests the closest", () => {
    expect(choiceError("reporter", "jsn", ["pretty", "json", "junit"])).toBe("--reporter jsn is not one of pretty, json, junit; did you mean --reporter json?");
    expect(choiceError("era", "2025", ["auto", "legacy", "modern"])).toBe("--era 2025 is not one of auto, legacy, modern");
    expect(choiceError("era", "", ["auto"])).toBe('--era "" is not one of auto');
  });
});

describe("withHelpPointer", () => {
  it("ends the message as a sentence, then points at --help once", () => {
    expect(withHelpPointer("unknown option --x")).toBe('unknown option --x. Run "mcp-contract --help" for every option.');
    expect(withHelpPointer("did you mean check?", "command")).toBe('did you mean check? Run "mcp-contract --help" for every command.');
    expect(withHelpPointer('unknown check "x". Run "mcp-contract list" for every check id.')).toBe('unknown check "x". Run "mcp-contract list" for every check id.');
  });
});
