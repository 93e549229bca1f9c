/**
 * lint-spec against real documents: our own message and session specs are clean, the Celonis seed
 * misses 202 and 413, the Spice seed's operation (wrapped into a minimal spec) misses 400, a JSON
 * body and an error schema, and small broken specs each get the problem they have, at its pointer.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lintSpecFiles, type LintResult } from "../src/lint-spec/lint-spec.js";

const OPENAPI = new URL("../../openapi/", import.meta.url).pathname;
// The vendors' documented specs, restated as the repository's own fixtures (each names its source).
const VENDOR_DOCS = new URL("../../packages/api-types/test/fixtures/vendor-docs/", import.meta.url).pathname;
const CLI = new URL("../src/cli.ts", import.meta.url).pathname;

const ERROR_RESPONSE = {
  description: "A JSON-RPC error.",
  content: {
    "application/json": {
      schema: {
        type: "object",
        properties: { jsonrpc: { const: "2.0" }, id: { type: ["string", "integer", "null"] }, error: { $ref: "#/components/schemas/ErrorObject" } },
      },
    },
  },
};
const SESSION = { name: "sessionId", in: "query", required: true, schema: { type: "string" } };
const BODY = { required: true, content: { "application/json": { schema: { type: "object", properties: { jsonrpc: { const: "2.0" } } } } } };
const SSE_GET = { get: { responses: { "200": { description: "The stream.", content: { "text/event-stream": { schema: { type: "string" } } } } } } };

/** A minimal spec with one message POST at /messages, changed by `edit`. */
function spec(edit: (post: Record<string, unknown>, doc: Record<string, unknown>) => void = () => undefined): Record<string, unknown> {
  const post: Record<string, unknown> = {
    operationId: "postMessage",
    parameters: [{ $ref: "#/components/parameters/SessionId" }],
    requestBody: BODY,
    responses: { "202": { description: "Accepted." }, "400": ERROR_RESPONSE, "404": ERROR_RESPONSE, "413": ERROR_RESPONSE },
  };
  const doc: Record<string, unknown> = {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: { "/messages": { post }, "/sse": SSE_GET },
    components: {
      parameters: { SessionId: SESSION },
      schemas: { ErrorObject: { type: "object", properties: { code: { type: "integer" }, message: { type: "string" } } } },
    },
  };
  edit(post, doc);
  return doc;
}

const OP = "#/paths/~1messages/post";
let dir: string;

async function lint(name: string, doc: unknown): Promise<LintResult> {
  const file = join(dir, `${name}.json`);
  await writeFile(file, JSON.stringify(doc));
  const result = await lintSpecFiles([file]);
  if ("usageError" in result) throw new Error(result.usageError);
  return result;
}

/** `pointer severity message-start` lines, file names left out. */
function lines(result: LintResult): string[] {
  return result.problems.map((p) => `${p.pointer} ${p.severity} ${p.message}`);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "lint-spec-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("lint-spec", () => {
  it("finds no problem in our own message and session specs, and finds every operation", async () => {
    const result = await lintSpecFiles([join(OPENAPI, "message.yaml"), join(OPENAPI, "session.yaml")]);
    if ("usageError" in result) throw new Error(result.usageError);
    expect(result.problems).toEqual([]);
    expect(result.operations.filter((op) => op.kind === "message").map((op) => op.label)).toEqual([
      "POST /v1/mcp/sse (postSpiceMessage)",
      "POST /_plugins/_ml/mcp/sse/message (postOpenSearchMessage)",
      "POST /sse/message (postOpenSearchRootMessage)",
      "POST /studio-copilot/api/v1/mcp-servers/mcp/{asset_id} (postCelonisRequest)",
    ]);
    expect(result.operations.filter((op) => op.kind === "sse")).toHaveLength(3);
  });

  it("reports the Celonis seed's missing 202 and 413 at the operation's responses", async () => {
    const result = await lintSpecFiles([join(VENDOR_DOCS, "celonis-mcp-server-asset.openapi.json")]);
    if ("usageError" in result) throw new Error(result.usageError);
    const at = "#/paths/~1studio-copilot~1api~1v1~1mcp-servers~1mcp~1{asset_id}/post/responses";
    expect(lines(result)).toEqual([expect.stringMatching(new RegExp(`^${regexpEscape(at)} error does not declare 202: `)), expect.stringMatching(new RegExp(`^${regexpEscape(at)} error does not declare 413: `))]);
    expect(result.operations.find((op) => op.kind === "message")?.why).toBe("its application/json request body is a JSON-RPC message");
  });

  it("reports what the Spice seed's operation leaves out, wrapped into a minimal spec", async () => {
    const doc = JSON.parse(await readFile(join(VENDOR_DOCS, "spice-runtime-mcp-message.json"), "utf8")) as { operation: Record<string, unknown> };
    const seed = doc.operation;
    const { tags, description, operationId, parameters, responses } = seed;
    const operation = { tags, description, operationId, parameters: (parameters as Record<string, unknown>[]).map((p) => ({ ...p, schema: { type: "string" } })), responses };
    const result = await lint("spice", { openapi: "3.0.3", info: { title: "runtime", version: "1.6.0" }, paths: { "/v1/mcp/sse": { post: operation } } });
    const at = "#/paths/~1v1~1mcp~1sse/post";
    expect(lines(result)).toEqual([
      expect.stringMatching(new RegExp(`^${regexpEscape(at)}/requestBody error declares no application/json request body`)),
      expect.stringMatching(new RegExp(`^${regexpEscape(at)}/responses error does not declare 400: a POST without its sessionId`)),
      expect.stringMatching(new RegExp(`^${regexpEscape(at)}/responses error no response \\(and no component schema\\) declares a JSON-RPC error body`)),
      expect.stringMatching(/^#\/paths warning no SSE GET found/),
    ]);
  });

  it.each<[string, Parameters<typeof spec>[0], string[]]>([
    ["a complete spec", undefined, []],
    ["no 413", (post) => delete (post["responses"] as Record<string, unknown>)["413"], [`${OP}/responses error does not declare 413`]],
    ["no 202 and no 404", (post) => {
      const responses = post["responses"] as Record<string, unknown>;
      delete responses["202"];
      delete responses["404"];
    }, [`${OP}/responses error does not declare 202`, `${OP}/responses error does not declare 404`]],
    ["a code typed number, not integer", (_, doc) => {
      (((doc["components"] as Record<string, Record<string, Record<string, Record<string, unknown>>>>)["schemas"]!["ErrorObject"]!["properties"]!)["code"] = { type: "number" });
    }, [`${OP}/responses error no response (and no component schema) declares a JSON-RPC error body`]],
    ["an error body only in components", (post, doc) => {
      post["responses"] = { "202": { description: "ok" }, "400": { description: "bad" }, "404": { description: "gone" }, "413": { description: "big" } };
      (doc["components"] as Record<string, Record<string, unknown>>)["schemas"]!["Envelope"] = ERROR_RESPONSE.content["application/json"].schema;
    }, []],
    ["a sessionless POST with a JSON-RPC body (no 400 needed)", (post) => {
      delete post["parameters"];
      delete (post["responses"] as Record<string, unknown>)["400"];
    }, []],
    ["a text/plain body", (post) => {
      post["requestBody"] = { content: { "text/plain": { schema: { type: "string" } } } };
    }, [`${OP}/requestBody error declares no application/json request body`]],
    ["a POST that is not a message endpoint", (post) => {
      delete post["parameters"];
      post["requestBody"] = { content: { "application/json": { schema: { type: "object", properties: { name: { type: "string" } } } } } };
    }, ["#/paths error no MCP message POST found: mark the POST that receives JSON-RPC messages with \"x-mcp-message: true\""]],
    ["an x-mcp-message: false POST", (post) => {
      post["x-mcp-message"] = false;
    }, ["#/paths error no MCP message POST found"]],
    ["an x-mcp-message: true POST without anything", (post) => {
      post["x-mcp-message"] = true;
      delete post["parameters"];
      delete post["requestBody"];
      post["responses"] = { "200": { description: "ok" } };
    }, [`${OP}/requestBody error declares no application/json request body`, `${OP}/responses error does not declare 202`, `${OP}/responses error does not declare 404`, `${OP}/responses error does not declare 413`, `${OP}/responses error no response (and no component schema) declares a JSON-RPC error body`]],
    ["no SSE GET", (_, doc) => {
      delete (doc["paths"] as Record<string, unknown>)["/sse"];
    }, ["#/paths warning no SSE GET found"]],
    ["a dangling $ref", (post) => {
      post["parameters"] = [{ $ref: "#/components/parameters/Nope" }];
    }, ["#/paths/~1messages/post/parameters/0 error Can't resolve $ref"]],
  ])("reports %s", async (name, edit, expected) => {
    const result = await lint(name.replace(/\W+/g, "-"), spec(edit));
    expect(lines(result).map((line, i) => (expected[i] !== undefined && line.startsWith(expected[i]!) ? expected[i] : line))).toEqual(expected);
  });

  it("reports a file that does not parse as a problem, and one that is not OpenAPI 3 as a usage error", async () => {
    const unparsable = join(dir, "unparsable.yaml");
    const swagger = join(dir, "swagger.yaml");
    await writeFile(unparsable, "openapi: [3.1\n");
    await writeFile(swagger, "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\n");
    const parsed = await lintSpecFiles([unparsable]);
    expect("problems" in parsed && lines(parsed)[0]).toMatch(/^#\/ error cannot be parsed: /);
    expect(await lintSpecFiles([swagger])).toEqual({ usageError: expect.stringContaining("is not an OpenAPI 3.x document") });
    for (const [name, text] of [["config.yaml", "hello: world\n"], ["package.json", '{"name": "x"}\n'], ["notes.txt", "just some words\n"]] as const) {
      await writeFile(join(dir, name), text);
      expect(await lintSpecFiles([join(dir, name)]), name).toEqual({ usageError: expect.stringContaining("is not an OpenAPI 3.x document") });
    }
  });

  it("exits 0 clean, 1 with errors, 2 for a missing file, printing file#pointer lines", async () => {
    const clean = join(dir, "clean.json");
    const broken = join(dir, "broken.json");
    await writeFile(clean, JSON.stringify(spec()));
    await writeFile(broken, JSON.stringify(spec((post) => delete (post["responses"] as Record<string, unknown>)["413"])));
    const [ok, bad, missing] = await Promise.all([cli("lint-spec", clean), cli("lint-spec", broken), cli("lint-spec", join(dir, "nope.yaml"))]);
    expect(ok).toMatchObject({ code: 0, stdout: expect.stringMatching(/^PASS 0 error\(s\), 0 warning\(s\) in 1 file\(s\)$/m) });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`${broken}${OP}/responses  error  does not declare 413`);
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining("cannot read") });
  });
});

function regexpEscape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

function cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", CLI, ...args], { timeout: 20_000 }, (error, stdout, stderr) => {
      resolve({ code: error && typeof error.code === "number" ? error.code : error ? null : 0, stdout, stderr });
    });
  });
}
