import { describe, expect, it } from "vitest";
import { HttpError } from "../errors.js";
import { acceptable, checkProtocolVersion, lastEventIdHeader, sessionIdHeader } from "./legacy-headers.js";

describe("acceptable", () => {
  it.for<[string | undefined, { json: boolean; sse: boolean }]>([
    [undefined, { json: true, sse: true }],
    ["application/json, text/event-stream", { json: true, sse: true }],
    ["text/event-stream", { json: false, sse: true }],
    ["application/json", { json: true, sse: false }],
    ["*/*", { json: true, sse: true }],
    ["text/*;q=0.5, application/*", { json: true, sse: true }],
    ["text/event-stream;q=0, application/json", { json: true, sse: false }],
    ["TEXT/EVENT-STREAM", { json: false, sse: true }],
    ["text/html", { json: false, sse: false }],
  ])("reads Accept %j", ([header, want]) => {
    expect(acceptable(header)).toEqual(want);
  });
});

describe("sessionIdHeader", () => {
  it("returns the id, or undefined when absent", () => {
    expect(sessionIdHeader({ "mcp-session-id": "abc-DEF_123" })).toBe("abc-DEF_123");
    expect(sessionIdHeader({})).toBeUndefined();
  });

  it.for(["", "a b", "caf\u00e9", "x, y"])("refuses %j with 400", (value) => {
    expect(() => sessionIdHeader({ "mcp-session-id": value })).toThrow(HttpError);
  });
});

describe("checkProtocolVersion", () => {
  it("accepts the session's revision and an absent header", () => {
    expect(() => checkProtocolVersion({ "mcp-protocol-version": "2025-06-18" }, "2025-06-18")).not.toThrow();
    expect(() => checkProtocolVersion({}, "2025-11-25")).not.toThrow();
  });

  it("accepts another legacy revision this server supports (the client's SHOULD, not the server's MUST)", () => {
    expect(() => checkProtocolVersion({ "mcp-protocol-version": "2025-03-26" }, "2025-11-25")).not.toThrow();
    expect(() => checkProtocolVersion({ "mcp-protocol-version": "2025-11-25" }, "2025-06-18")).not.toThrow();
  });

  it.for(["1900-01-01", "2026-07-28", "nonsense", ""])("refuses %j, naming the served revisions and the one agreed", (value) => {
    expect(() => checkProtocolVersion({ "mcp-protocol-version": value }, "2025-06-18")).toThrow("2025-03-26, 2025-06-18, 2025-11-25 (send '2025-06-18'");
  });
});

describe("lastEventIdHeader", () => {
  it("parses <stream>:<seq>", () => {
    expect(lastEventIdHeader({ "last-event-id": "3:17" })).toEqual({ stream: 3, seq: 17 });
    expect(lastEventIdHeader({})).toBeUndefined();
  });

  it.for(["3", "a:1", "1:2:3", "-1:2", ""])("refuses %j with 400", (value) => {
    expect(() => lastEventIdHeader({ "last-event-id": value })).toThrow("is not an event id this server issued");
  });
});
