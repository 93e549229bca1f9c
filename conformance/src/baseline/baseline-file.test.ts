import { describe, expect, it } from "vitest";
import { parseBaseline } from "./baseline-file.js";

const IDS = ["sse-framing", "post-oversize-413", "mcp-ping"];

describe("parseBaseline", () => {
  it("reads entries with their reasons and optional profiles", () => {
    const text = JSON.stringify({
      description: "known gaps",
      expectedFailures: [
        { id: "sse-framing", reason: " CR line ends until v2 " },
        { id: "post-oversize-413", reason: "proxy decides", profiles: ["spice", "opensearch"] },
      ],
    });
    expect(parseBaseline(text, "b.json", IDS)).toEqual({
      file: "b.json",
      entries: [
        { id: "sse-framing", reason: "CR line ends until v2" },
        { id: "post-oversize-413", reason: "proxy decides", profiles: ["spice", "opensearch"] },
      ],
    });
  });

  it.each<[string, unknown, RegExp]>([
    ["not JSON", "{", /not valid JSON/],
    ["no expectedFailures", { failures: [] }, /"expectedFailures" array/],
    ["an unknown top-level key", { expectedFailures: [], extra: 1 }, /unknown key\(s\) extra/],
    ["an unknown check id", { expectedFailures: [{ id: "sse-framin", reason: "x" }] }, /"sse-framin" is not a check id \(did you mean sse-framing\?\)/],
    ["a missing reason", { expectedFailures: [{ id: "mcp-ping" }] }, /\(mcp-ping\) needs a non-empty "reason"/],
    ["an unknown entry key", { expectedFailures: [{ id: "mcp-ping", reason: "x", why: "y" }] }, /unknown key\(s\) why/],
    ["an unknown profile", { expectedFailures: [{ id: "mcp-ping", reason: "x", profiles: ["grpc"] }] }, /profiles must be a non-empty array of generic, spice/],
    ["a repeated id", { expectedFailures: [{ id: "mcp-ping", reason: "x" }, { id: "mcp-ping", reason: "y", profiles: ["spice"] }] }, /expectedFailures\[1\] repeats mcp-ping for spice/],
  ])("refuses %s, saying what to fix", (_, value, message) => {
    const parsed = parseBaseline(typeof value === "string" ? value : JSON.stringify(value), "b.json", IDS);
    expect("error" in parsed && parsed.error).toMatch(message);
    expect("error" in parsed && parsed.error).toMatch(/^--baseline b\.json: /);
  });
});
