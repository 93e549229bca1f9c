/**
 * What the runner says is behind a URL before any check runs, and that one root cause is one
 * "could not run" (exit 3), not a page of failures: against the reference server's Streamable
 * HTTP endpoint, an HTTP+SSE fixture on a path no dialect names, a closed port, a server that
 * wants credentials and one that is not MCP at all, whether the URL is detected or names a
 * dialect's stream path (then one GET is probed first); and `--transport` forcing the choice.
 */
import { execFile } from "node:child_process";
import { once } from "node:events";
import { createServer, type ServerResponse } from "node:http";
import { createGateway } from "@mcp-contract/reference-server";
import { startServer } from "@mcp-contract/test-helpers";
import { describe, expect, it } from "vitest";
import { detectionLine } from "../src/report/document.js";
import { renderJunit } from "../src/report/junit.js";
import { renderSarif } from "../src/report/sarif.js";
import type { Report } from "../src/report/model.js";
import { runChecks, type RunOptions } from "../src/runner.js";
import { resolveTarget } from "../src/target/resolve-target.js";
import { startFixture } from "./fixtures/fixture-server.js";
import { startNeverAnswers } from "./fixtures/never-answers.js";
import { reportSchemaErrors, sarifSchemaErrors } from "./report-schemas.js";

const CLI = new URL("../src/cli.ts", import.meta.url).pathname;

type RunOptionsPart = Partial<RunOptions>;

function run(url: string, options: RunOptionsPart = {}): Promise<Report> {
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
    expect(report.target.detection.steps).toEqual([
      expect.stringMatching(/^stream-get: GET → 200 text\/event-stream/),
      expect.stringMatching(/^modern-discover: POST server\/discover → 200 application\/json \(modern: /),
    ]);
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
    expect(report.target.detection.steps).toEqual([expect.stringMatching(/^stream-get: GET → /), expect.stringMatching(/^modern-discover: POST server\/discover → /)]);
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

  it("takes a known dialect's stream path from the URL once one GET shows a stream there", async () => {
    await using fixture = await startFixture({ dialect: "opensearch" });
    const report = await run(fixture.sseUrl, { only: ["sse-framing"] });
    expect(report.target.detection).toMatchObject({
      transport: "http+sse",
      source: "url",
      steps: ["stream-get: GET → 200 text/event-stream (an event stream at the opensearch stream path)"],
    });
    expect(report.results.find((result) => result.id === "sse-framing")?.status).toBe("passed");
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

  it("makes a closed port at the Spice stream path one 'could not run' before any check", async () => {
    const url = (await closedPortUrl()).replace(/\/mcp$/, "/v1/mcp/sse");
    const report = await run(url);
    expect(report).toMatchObject({
      outcome: "could-not-run",
      results: [],
      couldNotRun: { cause: "network", message: expect.stringMatching(/^Nothing answered GET http:\S+\/v1\/mcp\/sse: connect ECONNREFUSED \S+; check the URL and that the server is running$/) },
    });
    expect(report.target.detection.steps).toEqual([expect.stringMatching(/^stream-get: GET → connect ECONNREFUSED \S+ \(no answer\)$/)]);
  });

  it("makes https to a plain HTTP port one 'could not run' that says TLS failed and what to try", async () => {
    await using server = await startPlain(200);
    const report = await run(`${server.url.replace("http:", "https:")}/v1/mcp/sse`);
    expect(report).toMatchObject({
      outcome: "could-not-run",
      couldNotRun: { cause: "network", message: expect.stringMatching(/: TLS: [^\n]+ \(EPROTO\); TLS failed: if the server speaks plain HTTP on this port use http:\/\//) },
    });
    expect(report.target.detection.steps).toEqual([expect.stringMatching(/^stream-get: GET → TLS: /)]);
  });

  // The forced-era probe (one server/discover) and the stream-path GET meet credentials the same
  // way and say the same next step (target/next-steps.ts).
  it.each<[string, number, RunOptionsPart, RegExp]>([
    ["a 401 without credentials", 401, {}, /answered 401: the server wants credentials; pass --bearer <token> or --header 'X-API-Key: …'/],
    ["a 407 from a proxy", 407, {}, /answered 407: the server wants credentials; a proxy wants credentials: pass them with --header 'Proxy-Authorization: …'/],
    [
      "a 403 to the credentials given",
      403,
      { headers: { Authorization: "Bearer wrong" }, credentialHeaders: ["authorization"] },
      /answered 403: the server refused the credentials given; check the credentials given \(authorization\) and that they may use this endpoint/,
    ],
  ])("makes %s to a forced --era modern one 'could not run' with the shared next step", async (_, status, options, message) => {
    await using server = await startPlain(status);
    const report = await run(`${server.url}/mcp`, { ...options, choice: { transport: "auto", era: "modern" } });
    expect(report).toMatchObject({ outcome: "could-not-run", results: [], couldNotRun: { cause: "auth", message: expect.stringMatching(message) } });
    expect(report.target.detection.steps).toEqual([`reachable: POST server/discover → ${status} text/html (credentials)`]);
  });

  it.each<[string, number, Record<string, string>, string, RunOptionsPart, string, RegExp]>([
    ["a 401 without credentials", 401, { "www-authenticate": 'Bearer realm="mcp"' }, "/_plugins/_ml/mcp/sse", {}, "auth", /answered 401 \(WWW-Authenticate: Bearer realm="mcp"\): the server wants credentials; pass --bearer <token> or --header 'X-API-Key: …'/],
    [
      "a 401 to the credentials given",
      401,
      {},
      "/v1/mcp/sse",
      { headers: { "X-API-Key": "wrong" }, credentialHeaders: ["x-api-key"] },
      "auth",
      /answered 401: the server refused the credentials given; check the credentials given \(x-api-key\)/,
    ],
    ["an HTML page", 200, {}, "/v1/mcp/sse", {}, "not-mcp", /answered 200 text\/html: "<h1>hello<\/h1>", not an event stream; this URL answers text\/html: is it the MCP endpoint\?/],
    ["a 404 page", 404, {}, "/v1/mcp/sse", {}, "not-mcp", /answered 404 text\/html: "<h1>hello<\/h1>", not an event stream; nothing is served there: check the URL's path \(spice streams are at \/v1\/mcp\/sse\)/],
  ])("makes %s at a dialect's stream path one 'could not run', with the evidence and the next step", async (_, status, headers, path, options, cause, message) => {
    await using server = await startPlain(status, headers);
    const report = await run(`${server.url}${path}`, options);
    expect(report).toMatchObject({ outcome: "could-not-run", results: [], couldNotRun: { cause, message: expect.stringMatching(message) } });
    expect(report.target.detection.steps).toEqual([expect.stringMatching(/^stream-get: GET → \d{3} /)]);
    expect(reportSchemaErrors(JSON.parse(JSON.stringify(report)))).toEqual([]);
  });

  it("makes an unknown Celonis asset one 'could not run' that points at the asset id", async () => {
    await using fixture = await startFixture({ dialect: "celonis" });
    const report = await run(fixture.sseUrl.replace(/builtin$/, "no-such-asset"));
    expect(report).toMatchObject({
      outcome: "could-not-run",
      couldNotRun: { cause: "not-mcp", message: expect.stringMatching(/answered 404 application\/json: "\{\\"detail\\":\\"Asset not found or not accessible\.\\"\}", not an event stream; nothing is served there: check the asset id in the URL/) },
    });
  });

  it("keeps checking a stream sent with the wrong Content-Type whose first event is endpoint: that is the checks' to report", async () => {
    await using fixture = await startFixture({ defect: "wrong-content-type" });
    const report = await run(fixture.sseUrl, { only: ["sse-response-headers"] });
    expect(report.target.detection.steps).toEqual(["stream-get: GET → 200 text/plain (not labelled an event stream, but its first event is endpoint; the checks go on)"]);
    expect(report.results).toEqual([expect.objectContaining({ id: "sse-response-headers", status: "failed" })]);
  });

  it("makes a deadline that passes during the probing GET one 'could not run' (aborted)", async () => {
    await using server = await startNeverAnswers();
    const report = await run(server.url, { timeoutMs: 400, deadlineMs: 100 });
    expect(report).toMatchObject({ outcome: "could-not-run", results: [], couldNotRun: { cause: "aborted", message: expect.stringMatching(/got no answer before the run's deadline; .*raise --deadline/) } });
  });

  it("closes the stream its probing GET opened, so the server keeps no session of it", async () => {
    const opened: ServerResponse[] = [];
    await using server = await startServer(
      createServer((req, res) => {
        req.resume();
        opened.push(res);
        res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
        res.write("event: endpoint\ndata: /v1/mcp/sse?sessionId=probe\n\n");
      }),
      { wireContract: false /* a stream that never answers its POSTs: only its GET is looked at */ },
    );
    const target = await resolveTarget({ url: new URL(`${server.url}/v1/mcp/sse`), choice: { transport: "auto", era: "auto" }, headers: {}, timeoutMs: 2000, signal: AbortSignal.timeout(10_000) });
    expect(target).toMatchObject({ transport: "http+sse", source: "url" });
    expect(opened).toHaveLength(1);
    await once(opened[0]!, "close", { signal: AbortSignal.timeout(5_000) });
  });

  it("exits 3 from the CLI, printing the target line and the steps first", async () => {
    const url = await closedPortUrl();
    const result = await cli("check", url, "--timeout", "2000");
    expect(result.code).toBe(3);
    const lines = result.stdout.split("\n");
    expect(lines[1]).toMatch(/^target: could not run: /);
    expect(lines[2]).toMatch(/^ {2}modern-discover: POST server\/discover → /);
    expect(result.stdout).toMatch(/^COULD NOT RUN \(network\) .*: nothing answered: connect ECONNREFUSED \S+; check the URL and that the server is running; no check ran$/m);
  });

  it("refuses an era for the HTTP+SSE transport as a usage error", async () => {
    const result = await cli("check", "http://127.0.0.1:9/mcp", "--transport", "http+sse", "--era", "modern");
    expect(result.code).toBe(2);
  });
});
