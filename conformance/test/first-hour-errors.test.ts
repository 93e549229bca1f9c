/**
 * The mistakes a newcomer makes in the first hour, made against the real CLI as a child process:
 * each ends in one line on stderr that says what was wrong and what to do next (never node's
 * parseArgs text, never the whole usage), with exit 2 for the command line and exit 3 for a
 * target nothing can be checked at; the report asked for is written even then.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer } from "@mcp-contract/test-helpers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Report } from "../src/report/model.js";

const CLI = new URL("../src/cli.ts", import.meta.url).pathname;
const URL_ = "http://127.0.0.1:9/mcp";
const HELP = 'Run "mcp-contract --help" for every option.';

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", CLI, ...args], { timeout: 20_000 }, (error, stdout, stderr) => {
      resolve({ code: error && typeof error.code === "number" ? error.code : error ? null : 0, stdout, stderr });
    });
  });
}

/** A port nothing listens on: one that was just open and is now closed. */
async function closedPort(): Promise<string> {
  const server = await startServer(createServer(), { wireContract: false /* closed before any request */ });
  const { url } = server;
  await server.close();
  return url;
}

// Sequential: each case starts a Node process, and two cores are shared with other suites.
describe("the first hour's usage errors (exit 2)", () => {
  it.each<[string, string[], string]>([
    ["a mistyped option", ["check", URL_, "--reportr", "json"], `mcp-contract: unknown option --reportr; did you mean --reporter? ${HELP}`],
    ["a mistyped command", ["chek", URL_], 'mcp-contract: unknown command "chek"; did you mean check? Run "mcp-contract --help" for every command.'],
    ["no command", [], 'mcp-contract: give a command: check <url>, baseline <url>, lint-spec <openapi-file> or list. Run "mcp-contract --help" for every command.'],
    ["a mistyped reporter", ["check", URL_, "--reporter", "jsn"], `mcp-contract: --reporter jsn is not one of pretty, json, junit, sarif, markdown, html; did you mean --reporter json? ${HELP}`],
    ["a mistyped era", ["check", URL_, "--era", "moden"], `mcp-contract: --era moden is not one of auto, legacy, modern; did you mean --era modern? ${HELP}`],
    ["a transport by another name", ["check", URL_, "--transport", "sse"], `mcp-contract: --transport sse is not one of auto, http+sse, streamable-http; did you mean --transport http+sse? ${HELP}`],
    ["an unknown profile", ["check", URL_, "--profile", "grpc"], `mcp-contract: --profile grpc is not one of auto, spice, opensearch, celonis, generic. ${HELP}`],
    ["an option missing its value", ["check", URL_, "--timeout"], `mcp-contract: --timeout needs a value: milliseconds, e.g. --timeout 5000. ${HELP}`],
    [
      "an option followed by another one instead of its value",
      ["check", URL_, "--reporter", "--output", "r.json"],
      `mcp-contract: --reporter needs a value: one of pretty, json, junit, sarif, markdown, html (the next word, --output, is an option; write --reporter=--output if that is the value). ${HELP}`,
    ],
    ["no URL", ["check"], `mcp-contract: missing <url>: give the MCP endpoint to check, e.g. mcp-contract check http://127.0.0.1:8090/mcp. ${HELP}`],
    [
      "a URL without http://",
      ["check", "localhost:8090/mcp"],
      `mcp-contract: "localhost:8090/mcp" is not an http(s) URL (its scheme is localhost:) (did you mean http://localhost:8090/mcp?): mcp-contract checks MCP over HTTP, so give an http:// or https:// URL, e.g. http://127.0.0.1:8090/mcp. ${HELP}`,
    ],
    [
      "--tool-args that are not JSON",
      ["check", URL_, "--tool", "echo", "--tool-args", "{text:'hi'}"],
      `mcp-contract: --tool-args {text:'hi'} is not JSON (Expected property name or '}'); it breaks off at character 2: "text:'hi'}"; give the arguments as a JSON object, e.g. --tool-args '{"text":"hi"}' (in single quotes, so the shell keeps the double quotes). ${HELP}`,
    ],
    ["a timeout with a unit", ["check", URL_, "--timeout", "5s"], `mcp-contract: --timeout 5s: give milliseconds with no unit, e.g. --timeout 5000. ${HELP}`],
  ])("%s: one line that names the fix, and no usage dump", async (_, args, line) => {
    const run = await cli(...args);
    expect(run).toEqual({ code: 2, stdout: "", stderr: `${line}\n` });
  });
});

describe("the first hour's targets that cannot be checked (exit 3)", () => {
  let dir = "";
  let port = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "mcp-contract-first-hour-"));
    port = await closedPort();
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each<[string, string]>([
    ["the Spice HTTP+SSE path", "/v1/mcp/sse"],
    ["the OpenSearch HTTP+SSE path", "/_plugins/_ml/mcp/sse"],
    ["a Celonis asset path", "/studio-copilot/api/v1/mcp-servers/mcp/builtin"],
    ["a detected path", "/mcp"],
  ])("a closed port at %s is one 'could not run' with the next step, and the JSON report says so", async (_, path) => {
    const file = join(dir, `${path.replaceAll("/", "_")}.json`);
    const run = await cli("check", `${port}${path}`, "--reporter", "pretty,json", "--output", file);
    expect(run.code).toBe(3);
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/^target: could not run: /m);
    expect(run.stdout).toMatch(/^COULD NOT RUN \(network\) .*ECONNREFUSED.*; check the URL and that the server is running; no check ran$/m);
    expect(run.stdout).not.toMatch(/✘/);
    const report = JSON.parse(await readFile(file, "utf8")) as Report;
    expect(report).toMatchObject({ outcome: "could-not-run", couldNotRun: { cause: "network" }, results: [] });
  });

  it("an HTML page at a stream path asks whether it is the MCP endpoint", async () => {
    await using server = await startServer(
      createServer((req, res) => {
        req.resume();
        res.writeHead(200, { "content-type": "text/html" }).end("<h1>Welcome</h1>");
      }),
      { wireContract: false /* a web page, not MCP, on purpose */ },
    );
    const file = join(dir, "html.json");
    const run = await cli("check", `${server.url}/v1/mcp/sse`, "--reporter", "json", "--output", file);
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^COULD NOT RUN \(not-mcp\) GET \S+ answered 200 text\/html: "<h1>Welcome<\/h1>", not an event stream; this URL answers text\/html: is it the MCP endpoint\?/m);
    expect(JSON.parse(await readFile(file, "utf8"))).toMatchObject({ outcome: "could-not-run", couldNotRun: { cause: "not-mcp" } });
  });

  it("a 401 at a stream path says how to give credentials", async () => {
    await using server = await startServer(
      createServer((req, res) => {
        req.resume();
        res.writeHead(401, { "content-type": "application/json" }).end('{"error":"unauthorized"}');
      }),
      { wireContract: false /* a bare 401, standing in for a gateway in front of the server */ },
    );
    const run = await cli("check", `${server.url}/v1/mcp/sse`);
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^COULD NOT RUN \(auth\) GET \S+ answered 401: the server wants credentials; pass --bearer <token> or --header 'X-API-Key: …'/m);
  });
});
