/**
 * A target that never answers cannot make a run hang: every wait is bounded, so the run ends
 * within a small multiple of --timeout, with "no answer in N ms" where the silence was met.
 */
import { describe, expect, it } from "vitest";
import { runChecks } from "../src/runner.js";
import { startHostileServer } from "./fixtures/hostile-server.js";
import { startNeverAnswers } from "./fixtures/never-answers.js";
import { runAgainstFixture } from "./run-fixture.js";

describe("a target that never answers", () => {
  it("ends a forced HTTP+SSE run within the bound, each check failing with 'no answer in N ms'", async () => {
    await using server = await startNeverAnswers();
    const started = performance.now();
    const report = await runChecks({
      sseUrl: new URL(server.url),
      profile: "auto",
      headers: {},
      credentialHeaders: [],
      timeoutMs: 300,
      strict: true,
      // Forced, so no probing GET: the checks' own bounds are what end the run.
      choice: { transport: "http+sse", era: "auto" },
    });
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(report.results.find((r) => r.id === "sse-response-headers")).toMatchObject({ status: "failed", message: expect.stringContaining("no answer in 300 ms") });
    expect(report.results.every((r) => r.status === "failed" || r.status === "skipped")).toBe(true);
    expect(report.results.filter((r) => r.status === "failed").every((r) => r.message.includes("no answer in 300 ms"))).toBe(true);
    expect(report.outcome).toBe("fail");
  });

  it("says could not run at a dialect's stream path that accepts the connection and sends nothing", async () => {
    await using server = await startNeverAnswers();
    const started = performance.now();
    const report = await runChecks({ sseUrl: new URL(server.url), profile: "auto", headers: {}, credentialHeaders: [], timeoutMs: 300 });
    expect(performance.now() - started).toBeLessThan(2_500);
    expect(report.target.detection.steps).toEqual(["stream-get: GET → no answer in 300 ms (connected, then silence)"]);
    expect(report.couldNotRun).toMatchObject({ cause: "network", message: expect.stringContaining("Connected, but nothing answered GET") });
    expect(report.results.every((r) => r.status === "skipped")).toBe(true);
  });

  it("ends a run whose POSTs are never answered within the bound", async () => {
    const started = performance.now();
    const report = await runAgainstFixture({ defect: "post-never-answers" }, { timeoutMs: 300 });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(report.results.find((r) => r.id === "endpoint-resolves")).toMatchObject({ status: "failed", message: expect.stringContaining("no answer in 300 ms") });
  });

  it("stops starting checks once the run's deadline has passed", async () => {
    await using server = await startNeverAnswers();
    // Forced, so no probing GET spends the deadline before the check starts (that is one "could not run").
    const report = await runChecks({
      sseUrl: new URL(server.url),
      profile: "auto",
      choice: { transport: "http+sse", era: "auto" },
      headers: {},
      credentialHeaders: [],
      timeoutMs: 400,
      deadlineMs: 100,
      only: ["sse-response-headers"],
    });
    expect(report.results[0]).toMatchObject({ status: "failed", message: expect.stringMatching(/deadline \(100 ms\) passed/) });
  });

  it.each([
    ["detected", { transport: "auto", era: "auto" }],
    ["--era modern", { transport: "auto", era: "modern" }],
    ["--transport streamable-http --era legacy", { transport: "streamable-http", era: "legacy" }],
  ] as const)("says could not run after one bounded request at a Streamable HTTP URL (%s), not a wait per check", async (_what, choice) => {
    await using server = await startNeverAnswers();
    const url = new URL(server.url.replace("/v1/mcp/sse", "/mcp"));
    const started = performance.now();
    const report = await runChecks({ sseUrl: url, profile: "auto", headers: {}, credentialHeaders: [], timeoutMs: 300, choice });
    // One request's bound (plus start-up), where each of ~16 checks waiting out its own took 80 s at the default bound.
    expect(performance.now() - started).toBeLessThan(2_500);
    expect(report.outcome).toBe("could-not-run");
    expect(report.couldNotRun).toMatchObject({ cause: "network", message: expect.stringMatching(/300 ms/) });
    expect(report.results.every((result) => result.status === "skipped")).toBe(true);
  });

  it("says could not run at a forced modern target that sends a head and then not a byte", async () => {
    await using server = await startHostileServer("stalls-after-headers");
    const started = performance.now();
    const report = await runChecks({ sseUrl: new URL(`${server.url}/mcp`), profile: "auto", headers: {}, credentialHeaders: [], timeoutMs: 300, choice: { transport: "auto", era: "modern" } });
    expect(performance.now() - started).toBeLessThan(2_500);
    expect(report.couldNotRun).toMatchObject({ cause: "network", message: expect.stringContaining("200 text/event-stream, then response body not finished in 300 ms") });
  });
});
