/**
 * What the runner says is behind a URL before any check runs, and that one root cause is one
 * "could not run" (exit 3), not a page of failures: against the reference server's Streamable
 * HTTP endpoint, an HTTP+SSE fixture on a path no dialect names, a closed port, a server that
 * wants credentials and one that is not MCP at all; and `--transport` forcing the choice.
 */
import { execFile } from "node:child_process";
import { createServer } from "node:http";
import { createGateway } from "@mcp-contract/reference-server";
import { startServer } from "@mcp-contract/test-helpers";
import { describe, expect, it } from "vitest";
import { detectionLine } from "../src/report/document.js";
import { renderJunit } from "../src/report/junit.js";
import { renderSarif } from "../src/report/sarif.js";
import type { Report } from "../src/report/model.js";
import { runChecks, type RunOptions } from "../src/runner.js";
import { startFixture } from "./fixtures/fixture-server.js";
import { reportSchemaErrors, sarifSchemaErrors } from "./report-schemas.js";

const CLI = new URL("../src/cli.ts", import.meta.url).pathname;

function run(url: string, options: Partial<RunOptions> = {}): Promise<Report> {
  return runChecks({ sseUrl: new URL(url), profile: "auto", headers: {}, credentialHeaders: [], timeoutMs: 2000, ...options });
}

function cli(...args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", CLI, ...args], { timeout: 30_000 }, (error, stdout) => {
      resolve({ code: error && typeof error.code === "number" ? error.code : error ? null : 0, stdout });
    });
  });
}

/** A plain HTTP server that answers every request with `status` and a short text body. */
async function startPlain(status: number, headers: Record<string, string> = {}) {
  return startServer(
    createServer((req, res) => {
      req.resume();
      res.writeHead(status, { "content-type": "text/html", ...headers }).end("<h1>hello</h1>");
    }),
    { wireContract: false /* not MCP at all, on purpose */ },
  );
}

/** A port nothing listens on: one that was just open and is now closed. */
async function closedPortUrl(): Promise<string> {
  const server = await startServer(createServer(), { wireContract: false /* closed before any request */ });
  const url = server.url;
  await server[Symbol.asyncDispose]();
  return `${url}/mcp`;
}

describe("target detection", () => {
  it("finds the reference server's dual-era /v1/mcp to be modern and stateful Streamable HTTP, with the steps as evidence, and runs no HTTP+SSE check there", async () => {
    const gateway = createGateway({ log: () => undefined, registry: { databasePath: ":memory:" } });
    await using running = await startServer(gateway.app.server);
    const report = await run(`${running.url}/v1/mcp`);
    expect(report.target.detection).toMatchObject({ transport: "streamable-http", kinds: ["modern", "stateful"], source: "detected" });
    expect(report.target.detection.steps.map((step) => step.split(":")[0])).toEqual(expect.arrayContaining(["modern-discover", "initialize"]));
    expect(report.target.detection.protocolVersions).toEqual(expect.arrayContaining(["2026-07-28", "2025-11-25"]));
    const sse = report.results.find((result) => result.id === "sse-framing");
    expect(sse).toMatchObject({ status: "skipped", message: expect.stringContaining("this target is dual-era (modern + stateful) (detected") });
    // No check of this build applies to it yet: a run that checked nothing says so and is no pass.
    if (report.summary.passed + report.summary.failed === 0) expect(report).toMatchObject({ outcome: "could-not-run", couldNotRun: { cause: "nothing-applies" } });
    expect(reportSchemaErrors(JSON.parse(JSON.stringify(report)))).toEqual([]);
  });

  it("detects an HTTP+SSE server on a path no dialect names by its endpoint event, and checks it", async () => {
    await using fixture = await startFixture({ dialect: "generic" });
    const report = await run(fixture.sseUrl, { only: ["sse", "endpoint"] });
    expect(report.target.detection).toMatchObject({ transport: "http+sse", kinds: ["http+sse"], source: "detected" });
    expect(report.target.detection.steps.at(-1)).toMatch(/^sse-endpoint: GET → 200 text\/event-stream/);
    expect(report.outcome).toBe("pass");
    expect(report.summary.passed).toBeGreaterThan(0);
  });

  it("finds the reference server's Celonis asset path HTTP+SSE by its path and modern by server/discover, with the Celonis profile, and runs both kinds' checks", async () => {
    const gateway = createGateway({ log: () => undefined, registry: { databasePath: ":memory:" } });
    await using running = await startServer(gateway.app.server);
    const only = ["sse-framing", "celonis-sync-answer", "modern-discover", "modern-missing-meta", "legacy-request-answer"];
    const report = await run(`${running.url}/studio-copilot/api/v1/mcp-servers/mcp/builtin`, { only });
    expect(report.target).toMatchObject({ profile: "celonis", profileSource: "url" });
    expect(report.target.detection).toMatchObject({ transport: "http+sse", kinds: ["http+sse", "modern"], source: "url", protocolVersions: ["2026-07-28"] });
    expect(report.target.detection.steps).toEqual([expect.stringMatching(/^modern-discover: POST server\/discover → 200 application\/json \(modern: /)]);
    // Both transports' kinds: the line names them, not one transport "over" which the checks ran.
    expect(detectionLine(report)).toMatch(/^dual-era \(http\+sse \+ modern\), protocol 2026-07-28 \(from url\): .* celonis stream path, and a modern Streamable HTTP server/);
    expect(Object.fromEntries(report.results.filter((result) => only.includes(result.id)).map((result) => [result.id, result.status]))).toEqual({
      "sse-framing": "passed",
      "celonis-sync-answer": "passed",
      "modern-discover": "passed",
      "modern-missing-meta": "passed",
      // The asset path's older style is its HTTP+SSE dialect, not a 2025 Streamable HTTP server.
      "legacy-request-answer": "skipped",
    });
    expect(reportSchemaErrors(JSON.parse(JSON.stringify(report)))).toEqual([]);
  });

  it("keeps a Celonis asset path that does not speak 2026-07-28 HTTP+SSE only, with the one modern probe as evidence", async () => {
    await using fixture = await startFixture({ dialect: "celonis" });
    const report = await run(fixture.sseUrl, { only: ["celonis-sync-answer", "modern-discover"] });
    expect(report.target.detection).toMatchObject({ transport: "http+sse", kinds: ["http+sse"], source: "url", summary: expect.stringContaining("not also a modern Streamable HTTP server") });
    expect(report.target.detection.steps).toEqual([expect.stringMatching(/^modern-discover: POST server\/discover → /)]);
    expect(report.results.map((result) => [result.id, result.status])).toEqual(
      expect.arrayContaining([
        ["celonis-sync-answer", "passed"],
        ["modern-discover", "skipped"],
      ]),
    );
  });

  it.each<[string, "http+sse" | "modern"]>([
    ["--era legacy", "http+sse"],
    ["--transport streamable-http", "modern"],
  ])("narrows the Celonis asset path's two kinds to one with %s", async (option, kind) => {
    const gateway = createGateway({ log: () => undefined, registry: { databasePath: ":memory:" } });
    await using running = await startServer(gateway.app.server);
    const choice = option === "--era legacy" ? ({ transport: "auto", era: "legacy" } as const) : ({ transport: "streamable-http", era: "auto" } as const);
    const report = await run(`${running.url}/studio-copilot/api/v1/mcp-servers/mcp/builtin`, { only: ["celonis-sync-answer", "modern-discover"], choice });
    expect(report.target.detection.kinds).toEqual([kind]);
    expect(report.results.find((result) => result.id === (kind === "modern" ? "modern-discover" : "celonis-sync-answer"))?.status).toBe("passed");
  });

  it("takes a known dialect's stream path from the URL without probing", async () => {
    await using fixture = await startFixture({ dialect: "opensearch" });
    const report = await run(fixture.sseUrl, { only: ["sse-framing"] });
    expect(report.target.detection).toMatchObject({ transport: "http+sse", source: "url", steps: [] });
  });

  it("follows --transport http+sse without probing", async () => {
    await using fixture = await startFixture({ dialect: "generic" });
    const report = await run(fixture.sseUrl, { only: ["sse-framing"], choice: { transport: "http+sse", era: "auto" } });
    expect(report.target.detection).toMatchObject({ kinds: ["http+sse"], source: "option", steps: [] });
    expect(report.results.find((result) => result.id === "sse-framing")?.status).toBe("passed");
  });

  it.each<[string, () => Promise<{ url: string; close: () => PromiseLike<void> }>, string, RegExp]>([
    ["a closed port", async () => ({ url: await closedPortUrl(), close: async () => undefined }), "network", /nothing answered/],
    [
      "a server that wants credentials",
      async () => {
        const server = await startPlain(401, { "www-authenticate": 'Bearer realm="mcp"' });
        return { url: `${server.url}/mcp`, close: () => server[Symbol.asyncDispose]() };
      },
      "auth",
      /credentials/,
    ],
    [
      "a web server that is not MCP",
      async () => {
        const server = await startPlain(404);
        return { url: `${server.url}/mcp`, close: () => server[Symbol.asyncDispose]() };
      },
      "not-mcp",
      /--transport/,
    ],
  ])("makes %s one 'could not run', with no check results", async (_, start, cause, advice) => {
    const target = await start();
    try {
      const report = await run(target.url);
      expect(report).toMatchObject({ outcome: "could-not-run", results: [], couldNotRun: { cause, message: expect.stringMatching(advice) } });
      expect(report.target.detection.steps.length).toBeGreaterThan(0);
      expect(reportSchemaErrors(JSON.parse(JSON.stringify(report)))).toEqual([]);
      const sarif = JSON.parse(renderSarif(report)) as { runs: { invocations: { executionSuccessful: boolean; exitCode: number }[] }[] };
      expect(sarifSchemaErrors(sarif)).toEqual([]);
      expect(sarif.runs[0]?.invocations[0]).toMatchObject({ executionSuccessful: false, exitCode: 3 });
      expect(renderJunit(report)).toMatch(/<testcase classname="target" name="could-not-run"[^>]*>\s*<error message="could not run: /);
    } finally {
      await target.close();
    }
  });

  it("exits 3 from the CLI, printing the target line and the steps first", async () => {
    const url = await closedPortUrl();
    const result = await cli("check", url, "--timeout", "2000");
    expect(result.code).toBe(3);
    const lines = result.stdout.split("\n");
    expect(lines[1]).toMatch(/^target: could not run: /);
    expect(lines[2]).toMatch(/^ {2}modern-discover: POST server\/discover → /);
    expect(result.stdout).toMatch(/^COULD NOT RUN \(network\) .*: nothing answered; .*; no check ran$/m);
  });

  it("refuses an era for the HTTP+SSE transport as a usage error", async () => {
    const result = await cli("check", "http://127.0.0.1:9/mcp", "--transport", "http+sse", "--era", "modern");
    expect(result.code).toBe(2);
  });
});
