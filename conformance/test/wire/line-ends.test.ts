/**
 * The three legal line ends of an event stream (WHATWG `end-of-line = ( cr lf / cr / lf )`) get
 * the same verdicts: a stream framed with lone CRs, each frame one write, passes every check.
 * eventsource-parser, which the MCP TypeScript SDK's clients read streams with, holds an event
 * whose read ends on a lone CR until more bytes come: that is reported as an interop warning on
 * sse-framing, never as a failure. Keep-alives are slowed down so none releases a held event.
 */
import { describe, expect, it } from "vitest";
import { problems, runAgainstFixture } from "../run-fixture.js";

describe("a correct server framing its stream with", () => {
  it.each([
    ["LF", "\n"],
    ["CRLF", "\r\n"],
  ] as const)("%s passes every check", async (_, lineEnd) => {
    const report = await runAgainstFixture({ dialect: "spice", lineEnd, keepaliveMs: 60_000 });
    expect(problems(report)).toEqual({});
  });

  it.each(["spice", "generic"] as const)("lone CRs passes every check, with an interop warning naming eventsource-parser (%s)", async (dialect) => {
    const report = await runAgainstFixture({ dialect, lineEnd: "\r", keepaliveMs: 60_000 });
    // A generic path (/sse) is found to be HTTP+SSE by detection, which must read the CR-only endpoint event too.
    expect(report.target.detection.source).toBe(dialect === "spice" ? "url" : "detected");
    expect(problems(report)).toEqual({
      "sse-framing": expect.stringMatching(
        /^warning: the stream follows the grammar, but a common client misreads it .*: event #1 reached eventsource-parser .* only \d+ ms after its blank line, when more bytes came: a lone CR ended the read/,
      ),
    });
    expect(report.summary.failed).toBe(0);
  });
});
