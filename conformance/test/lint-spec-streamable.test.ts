/**
 * lint-spec on Streamable HTTP descriptions: our own openapi/streamable.yaml is clean and each of
 * its POSTs is named with its era; a minimal spec of each era is clean; one missing piece (a
 * status, a header, an error code, a 405) is named at its pointer, and nothing else is.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lintSpecFiles, type LintResult } from "../src/lint-spec/lint-spec.js";
import { streamableSpec, type Doc, type Era } from "./fixtures/streamable-spec.js";

const OPENAPI = new URL("../../openapi/", import.meta.url).pathname;
const CLI = new URL("../src/cli.ts", import.meta.url).pathname;
const POST = "#/paths/~1mcp/post";
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "lint-spec-streamable-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function lint(name: string, doc: unknown): Promise<LintResult> {
  const file = join(dir, `${name.replace(/\W+/g, "-")}.json`);
  await writeFile(file, JSON.stringify(doc));
  const result = await lintSpecFiles([file]);
  if ("usageError" in result) throw new Error(result.usageError);
  return result;
}

const lines = (result: LintResult): string[] => result.problems.map((p) => `${p.pointer} ${p.severity} ${p.message}`);
const responses = (doc: Doc): Doc => doc["paths"]["/mcp"]["post"]["responses"];
const withoutParameter = (name: string) => (doc: Doc): void => {
  const post = doc["paths"]["/mcp"]["post"];
  post["parameters"] = post["parameters"].filter((p: Doc) => p["name"] !== name);
};

describe("lint-spec on Streamable HTTP", () => {
  it("finds our own streamable.yaml clean and names each POST's era", async () => {
    const result = await lintSpecFiles([join(OPENAPI, "streamable.yaml")]);
    if ("usageError" in result) throw new Error(result.usageError);
    expect(lines(result)).toEqual([]);
    expect(result.operations.filter((op) => op.kind === "message").map((op) => [op.label, op.era, op.deviations])).toEqual([
      ["POST /mcp (postMcp)", "Streamable HTTP, dual-era (2026-07-28 and 2025 sessions)", undefined],
      ["POST /v1/mcp (postSpiceMcp)", "Streamable HTTP, dual-era (2026-07-28 and 2025 sessions)", undefined],
      ["POST /_plugins/_ml/mcp (postOpenSearchMcp)", "Streamable HTTP, 2025 (stateless)", [expect.stringMatching(/^400 \(/)]],
    ]);
  });

  it.each<[Era, string]>([
    ["modern", "Streamable HTTP, 2026-07-28 (modern, no sessions)"],
    ["stateful", "Streamable HTTP, 2025 (sessions)"],
    ["dual-era", "Streamable HTTP, dual-era (2026-07-28 and 2025 sessions)"],
  ])("finds a complete %s spec clean, and says which era it describes", async (era, label) => {
    const result = await lint(`complete-${era}`, streamableSpec(era));
    expect(lines(result)).toEqual([]);
    expect(result.operations.find((op) => op.kind === "message")?.era).toBe(label);
  });

  it.each<[Era, string, (doc: Doc) => void, string]>([
    ["modern", "no 202", (doc) => delete responses(doc)["202"], `${POST}/responses error does not declare 202: an accepted notification or response is answered 202 with no body`],
    ["modern", "a 202 with a body", (doc) => (responses(doc)["202"] = { description: "x", content: { "application/json": { schema: {} } } }), `${POST}/responses/202 error declares content: an accepted notification or response is answered 202 with no body`],
    ["modern", "no 200 answer", (doc) => delete responses(doc)["200"], `${POST}/responses error does not declare 200 with application/json or text/event-stream content`],
    ["modern", "no 400", (doc) => delete responses(doc)["400"], `${POST}/responses error does not declare 400: a request whose MCP-Protocol-Version, Mcp-Method or Mcp-Name is missing or differs from the body is answered 400 with -32020`],
    ["modern", "no 403", (doc) => delete responses(doc)["403"], `${POST}/responses error does not declare 403: a request whose Origin header is present and invalid is answered 403`],
    ["modern", "no 404", (doc) => delete responses(doc)["404"], `${POST}/responses error does not declare 404: a method 2026-07-28 does not have`],
    ["modern", "no 413 (a SHOULD)", (doc) => delete responses(doc)["413"], `${POST}/responses warning does not declare 413: a body over the server's limit should be answered 413`],
    ["modern", "no Mcp-Name header", withoutParameter("Mcp-Name"), `${POST}/parameters error takes no Mcp-Name header`],
    ["modern", "no MCP-Protocol-Version header", withoutParameter("MCP-Protocol-Version"), `${POST}/parameters error takes no MCP-Protocol-Version header: every 2026-07-28 POST carries it`],
    ["modern", "no -32022 code", (doc) => (doc["components"]["schemas"]["ErrorCode"]["enum"] = [-32000, -32020, -32601, -32602]), `${POST}/responses error describes no JSON-RPC error code -32022 (UnsupportedProtocolVersion`],
    ["modern", "a GET stream", (doc) => (doc["paths"]["/mcp"]["get"] = { responses: { "200": { description: "s", content: { "text/event-stream": { schema: { type: "string" } } } } } }), "#/paths/~1mcp/get/responses warning does not declare 405: a 2026-07-28-only server has no GET stream"],
    ["modern", "a DELETE without 405", (doc) => (doc["paths"]["/mcp"]["delete"] = { responses: { "204": { description: "ended" } } }), "#/paths/~1mcp/delete/responses warning does not declare 405: a 2026-07-28-only server has no sessions"],
    ["stateful", "no 404", (doc) => delete responses(doc)["404"], `${POST}/responses error does not declare 404: a request for an unknown or ended session is answered 404`],
    ["stateful", "no 400", (doc) => delete responses(doc)["400"], `${POST}/responses error does not declare 400: a request without its Mcp-Session-Id`],
    ["stateful", "a GET that is neither a stream nor 405", (doc) => (doc["paths"]["/mcp"]["get"] = { responses: { "200": { description: "j", content: { "application/json": { schema: {} } } } } }), "#/paths/~1mcp/get/responses error declares neither 200 text/event-stream nor 405"],
    ["stateful", "no Mcp-Session-Id on the answer", (doc) => delete responses(doc)["200"]["headers"], `${POST}/responses warning no response declares the Mcp-Session-Id header`],
    ["stateful", "no MCP-Protocol-Version header", withoutParameter("MCP-Protocol-Version"), `${POST}/parameters warning takes no MCP-Protocol-Version header: 2025-06-18 and later clients send it`],
    ["dual-era", "no 404", (doc) => delete responses(doc)["404"], `${POST}/responses error does not declare 404: a method 2026-07-28 does not have (initialize, ping, logging/setLevel, resources/subscribe) is answered 404 with -32601; a request for an unknown or ended session`],
  ])("names the one missing piece of a %s spec: %s", async (era, name, edit, expected) => {
    const doc = streamableSpec(era);
    edit(doc);
    const found = lines(await lint(`${era}-${name}`, doc));
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(expected);
  });

  it("accepts a status left out on purpose in x-mcp-deviations, and reports it", async () => {
    const doc = streamableSpec("modern");
    delete responses(doc)["403"];
    doc["paths"]["/mcp"]["post"]["x-mcp-deviations"] = { "403": "Origin is checked by the gateway in front" };
    const result = await lint("deviation", doc);
    expect(lines(result)).toEqual([]);
    expect(result.operations.find((op) => op.kind === "message")?.deviations).toEqual(["403 (Origin is checked by the gateway in front)"]);
  });

  it("prints each POST with its transport and era, and exits 0 on our own spec", async () => {
    const run = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      execFile(process.execPath, ["--import", "tsx", CLI, "lint-spec", join(OPENAPI, "streamable.yaml")], { timeout: 20_000 }, (error, stdout) => {
        resolve({ code: error && typeof error.code === "number" ? error.code : error ? null : 0, stdout });
      });
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("message POST  POST /mcp (postMcp): takes the Streamable HTTP headers; Streamable HTTP, dual-era (2026-07-28 and 2025 sessions)\n");
    expect(run.stdout).toMatch(/message POST {2}POST \/_plugins\/_ml\/mcp \(postOpenSearchMcp\): .*; Streamable HTTP, 2025 \(stateless\); declared deviations: 400 \(An MCP-Protocol-Version/);
    expect(run.stdout).toMatch(/^PASS 0 error\(s\), 0 warning\(s\) in 1 file\(s\)$/m);
  });
});
