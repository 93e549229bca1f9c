/**
 * The wire check fails where the contract is broken, and only there: each test starts a real
 * server through startServer, talks to it, and takes what was recorded (so the shared afterEach
 * hook, which would fail the test on anything left over, sees nothing).
 */
import type { ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { assertNoWireViolations, recordWireContract, startServer, takeWireViolations } from "../src/index.js";

type Answer = (res: ServerResponse) => void;

/** Starts a server that answers every request with `answer`, sends one request, returns what was recorded. */
async function violationsOf(method: string, path: string, answer: Answer, options: { wireContract?: boolean } = {}): Promise<string[]> {
  await using server = await startServer((_req, res) => answer(res), options);
  const response = await fetch(server.url + path, { method, signal: AbortSignal.timeout(5_000) });
  await response.text();
  return takeWireViolations().map((v) => `${v.request} ${v.status} ${v.operation ?? "-"}: ${v.message}`);
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Answer => (res) =>
  void res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
const sse = (text: string, headers: Record<string, string> = {}): Answer => (res) =>
  void res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", ...headers }).end(text);

const TOOLS_RESULT = { jsonrpc: "2.0", id: 1, result: { tools: [] } };

describe("the wire check", () => {
  it("records nothing for answers that keep the contract: JSON, an event stream, an empty 202, a 204", async () => {
    expect(await violationsOf("GET", "/v1/mcp-servers", json(200, []))).toEqual([]);
    expect(await violationsOf("POST", "/mcp", sse(`event: message\ndata: ${JSON.stringify(TOOLS_RESULT)}\n\n`))).toEqual([]);
    expect(await violationsOf("POST", "/mcp", (res) => void res.writeHead(202).end())).toEqual([]);
    expect(await violationsOf("DELETE", "/mcp", (res) => void res.writeHead(204).end())).toEqual([]);
  });

  it("reports a status the operation does not document, naming the operation", async () => {
    const found = await violationsOf("POST", "/mcp", json(418, { error: "teapot" }));
    expect(found).toEqual([expect.stringMatching(/^POST \/mcp 418 streamable postMcp \(POST \/mcp\): status 418 is not documented \(documented: 200, 202, 400/)]);
  });

  it("reports a body that breaks its schema, naming the field", async () => {
    const found = await violationsOf("GET", "/v1/mcp-servers", json(200, [{ id: 5 }]));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^GET \/v1\/mcp-servers 200 registry listMcpServers \(GET \/v1\/mcp-servers\): the body breaks its 200 application\/json schema: \/0\/server_name is required/);
  });

  it("reports a Content-Type the spec does not declare, and a body where the spec has none", async () => {
    expect(await violationsOf("POST", "/mcp", (res) => void res.writeHead(200, { "content-type": "text/plain" }).end("hi"))).toEqual([
      expect.stringMatching(/Content-Type text\/plain is not declared; the spec's 200 response is application\/json or text\/event-stream/),
    ]);
    expect(await violationsOf("POST", "/mcp", (res) => void res.writeHead(202).end("ok"))).toEqual([
      expect.stringMatching(/202 .*has a body \(ok\), but the spec's 202 response has no content/),
    ]);
  });

  it("holds paths and methods no spec has to what HTTP allows: 404, or 405 with Allow", async () => {
    expect(await violationsOf("GET", "/nowhere?x=1", json(200, {}))).toEqual([
      expect.stringMatching(/^GET \/nowhere\?x=1 200 -: no spec has an operation for GET \/nowhere, so the only answer is 404$/),
    ]);
    expect(await violationsOf("GET", "/nowhere", json(404, {}))).toEqual([]);
    expect(await violationsOf("PUT", "/mcp", json(200, {}))).toEqual([expect.stringMatching(/has no PUT operation \(only GET, POST, DELETE\), so the answer must be 405/)]);
    expect(await violationsOf("PUT", "/mcp", json(405, {}))).toEqual([expect.stringMatching(/a 405 on \/mcp needs an Allow header \(GET, POST, DELETE\)/)]);
    expect(await violationsOf("PUT", "/mcp", json(405, {}, { allow: "GET, POST" }))).toEqual([expect.stringMatching(/Allow: GET, POST differs/)]);
    expect(await violationsOf("PUT", "/mcp", json(405, {}, { allow: "GET, POST, DELETE" }))).toEqual([]);
  });

  it("reports malformed event streams: data that is not JSON, a message that is not JSON-RPC, an unknown field, an unterminated event", async () => {
    const cases: Array<[string, RegExp]> = [
      ["event: message\ndata: {not json\n\n", /event #1 is a message whose data is not JSON: "\{not json"/],
      ['event: message\ndata: {"jsonrpc":"1.0","id":1}\n\n', /event #1 breaks ModernSseStream or LegacySseStream: .*jsonrpc/],
      [`evnt: message\ndata: ${JSON.stringify(TOOLS_RESULT)}\n\n`, /line "evnt: message" has an unknown field "evnt"/],
      [`data: ${JSON.stringify(TOOLS_RESULT)}\n`, /ended inside event #1 \(no blank line after it\)/],
    ];
    for (const [body, expected] of cases) expect(await violationsOf("POST", "/mcp", sse(body)), body).toEqual([expect.stringMatching(expected)]);
    // A stream with no event at all: the HTTP+SSE stream must open with its endpoint event; a legacy
    // POST stream may be empty (every request of the POST cancelled, streamable.yaml LegacySseStream).
    expect(await violationsOf("GET", "/v1/mcp/sse", sse(": only a comment\n\n"))).toEqual([expect.stringMatching(/ended after 0 events; .* needs at least 1/)]);
    expect(await violationsOf("POST", "/mcp", sse(": only a comment\n\n"))).toEqual([]);
  });

  it("checks a stream event by event as it is written, before it ends", async () => {
    await using server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      res.write("event: message\ndata: [1,2]\n\n");
    });
    const response = await fetch(`${server.url}/mcp`, { method: "POST", signal: AbortSignal.timeout(5_000) });
    const reader = response.body!.getReader();
    await reader.read();
    expect(takeWireViolations().map((v) => v.message)).toEqual([expect.stringMatching(/^event #1 breaks/)]);
    await reader.cancel();
  });

  it("checks declared headers against their schemas", async () => {
    const found = await violationsOf("GET", "/v1/mcp/sse", sse("event: endpoint\ndata: /v1/mcp/sse?sessionId=Xq3sS0w3bV1nQ2oY7r9k8A\n\n", { "cache-control": "max-age=60" }));
    expect(found).toEqual([expect.stringMatching(/session openSpiceSession .*header cache-control: "max-age=60" \/ must be "no-cache"/)]);
  });

  it("leaves a JSON body over 1 MiB unchecked rather than holding it", async () => {
    expect(await violationsOf("GET", "/v1/mcp-servers", json(200, [{ pad: "x".repeat(1024 * 1024) }]))).toEqual([]);
  });

  it("records nothing for a server started with wireContract: false", async () => {
    expect(await violationsOf("GET", "/nowhere", json(200, {}), { wireContract: false })).toEqual([]);
  });

  it("sees servers attached with recordWireContract, and the hook's assertion lists what they broke", async () => {
    const { createServer } = await import("node:http");
    const server = createServer((_req, res) => void res.writeHead(418).end());
    recordWireContract(server);
    await using running = await startServer(server, { wireContract: false });
    await (await fetch(`${running.url}/mcp`, { method: "POST", signal: AbortSignal.timeout(5_000) })).text();
    expect(() => assertNoWireViolations()).toThrow(/The wire broke the OpenAPI contract \(1 violation\):\n- POST \/mcp → 418 on port \d+, streamable postMcp \(POST \/mcp\): status 418 is not documented/);
    expect(() => assertNoWireViolations()).not.toThrow();
  });
});
