/**
 * Property-based fuzzing (fast-check) of the POST and registry surfaces of the real gateway on
 * port 0: whatever the body, headers or path, no answer is a 5xx, every error is the contract's
 * shape, the server keeps answering, and no session or file descriptor is left behind. Bounded:
 * a fixed number of runs, each property also stopped by a time limit. Upstream names never reach a
 * resolver (the injected lookup finds nothing) and nothing is refreshed, so no connection leaves
 * loopback.
 */
import { readdirSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { startServer } from "@mcp-contract/test-helpers";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGateway, type Gateway } from "../../src/gateway.js";
import { CELONIS_BUILTIN, openSession, SSE_DIALECTS, type OpenSession } from "./harness.js";

const OPERATOR = "operator-fuzz-91c3";
const RUNS = 200;
const TIME_LIMIT_MS = 20_000;

const openFds = (): number => readdirSync("/proc/self/fd").length;

interface Answer {
  readonly status: number;
  readonly text: string;
}

/** One request on a connection of its own, closed after the answer, with raw control of every header. */
function send(url: string, method: string, headers: Record<string, string>, body: string | undefined): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, agent: false, headers: { ...headers, ...(body === undefined ? {} : { "content-length": String(Buffer.byteLength(body)) }) } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** JSON-RPC-shaped values, mostly valid enough to get past the envelope, and anything at all. */
const rpcLike = fc.oneof(
  fc.record(
    {
      jsonrpc: fc.constantFrom("2.0", "1.0", 2),
      id: fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.double()),
      method: fc.oneof(fc.constantFrom("initialize", "ping", "tools/list", "tools/call", "notifications/cancelled", "resources/list"), fc.string()),
      params: fc.oneof(fc.jsonValue(), fc.record({ name: fc.constantFrom("echo", "add", "nope"), arguments: fc.jsonValue() })),
    },
    { requiredKeys: [] },
  ),
  fc.array(fc.record({ jsonrpc: fc.constant("2.0"), id: fc.integer(), method: fc.constantFrom("ping", "tools/list") }), { maxLength: 5 }),
  fc.jsonValue(),
);

const bodyText = fc.oneof(
  rpcLike.map((value) => JSON.stringify(value)),
  fc.string(),
  // Ids that JSON numbers cannot hold exactly, written as the client would send them.
  fc.constantFrom("", "{", "[]", "null", '{"jsonrpc":"2.0"', "\u0000", '{"jsonrpc":"2.0","id":1e400,"method":"ping"}', '{"jsonrpc":"2.0","id":9007199254740993,"method":"ping"}'),
);

/** Mostly the right media type, so most bodies reach the parsers behind the 415 check. */
const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constant("application/json") },
  { weight: 1, arbitrary: fc.constantFrom("application/json; charset=utf-8", "text/plain", "application/json; charset=latin1", "") },
);

/** Create and patch bodies near the registry schemas, and anything at all. */
const serverUrl = fc.oneof(
  fc.webUrl(),
  fc.ipV4().map((ip) => `http://${ip}/sse`),
  fc.ipV6().map((ip) => `http://[${ip}]/mcp`),
  fc.constantFrom("http://10.0.0.1/", "http://[::ffff:127.0.0.1]/", "http://a:b@x.example/", "ftp://x.example/", "http://2130706433/", "not a url", "http://[::1"),
  fc.string(),
);
const serverName = fc.oneof({ weight: 4, arbitrary: fc.stringMatching(/^[a-z][a-z0-9_-]{0,20}$/) }, { weight: 1, arbitrary: fc.string() });
const headerMap = fc.dictionary(fc.oneof(fc.constantFrom("X-Team", "Authorization"), fc.string()), fc.string(), { maxKeys: 3 });
const registryBody = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record(
      { server_name: serverName, mcp_server_type: fc.constantFrom("sse", "streamable_http"), server_url: serverUrl, auth_token: fc.string(), custom_headers: headerMap },
      { requiredKeys: ["server_name", "mcp_server_type", "server_url"] },
    ),
  },
  {
    weight: 2,
    arbitrary: fc.record(
      { server_name: serverName, mcp_server_type: fc.constant("stdio"), command: fc.constantFrom("node", "/bin/sh", "npx", "../node"), args: fc.array(fc.string(), { maxLength: 3 }), env: fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }) },
      { requiredKeys: ["server_name", "mcp_server_type", "command"] },
    ),
  },
  { weight: 2, arbitrary: fc.record({ server_url: serverUrl, auth_token: fc.option(fc.string()), auth_header: fc.option(fc.string()), custom_headers: fc.option(headerMap) }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: fc.record({ server_name: fc.string(), config: fc.record({ mcp_server_type: fc.constantFrom("sse", "streamable_http"), server_url: serverUrl }) }) },
  { weight: 1, arbitrary: fc.jsonValue() },
);

describe("fuzzing the gateway's POST and registry surfaces", () => {
  let gateway: Gateway;
  let running: Awaited<ReturnType<typeof startServer>>;
  let session: OpenSession;
  const auth = { authorization: `Bearer ${OPERATOR}` };

  beforeAll(async () => {
    gateway = createGateway({
      config: { adminTokens: [OPERATOR], rateLimitPerMinute: 0 },
      registry: {
        databasePath: ":memory:",
        upstreamLookup: async (hostname) => {
          throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
        },
      },
      log: () => undefined,
    });
    running = await startServer(gateway.app.server);
    session = await openSession(running.url, SSE_DIALECTS[0]!, auth);
  });

  afterAll(async () => {
    await session?.[Symbol.asyncDispose]();
    await gateway?.close();
    await running?.close();
  });

  /** Nothing left behind: still exactly our session, and this process's fds near where they were. */
  async function expectNothingLeaked(fdsBefore: number): Promise<void> {
    expect(gateway.app.sessions.size).toBe(1);
    expect((await session.request("alive", "ping"))["result"]).toEqual({});
    expect(openFds()).toBeLessThanOrEqual(fdsBefore + 5);
  }

  const expectNo5xx = (answer: Answer, what: string): void => {
    expect(answer.status, `${what}: ${answer.text.slice(0, 300)}`).toBeLessThan(500);
    expect(answer.status).toBeGreaterThanOrEqual(200);
    expect(answer.text).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
  };

  it("POSTs to a session, a made-up session and the Celonis asset never answer 5xx, leak nothing", async () => {
    const fdsBefore = openFds();
    const target = fc.constantFrom(session.postUrl, `${running.url}/v1/mcp/sse?sessionId=${crypto.randomUUID()}`, `${running.url}/v1/mcp/sse`, `${running.url}${CELONIS_BUILTIN}`);
    await fc.assert(
      fc.asyncProperty(target, bodyText, contentType, async (url, body, type) => {
        const answer = await send(url, "POST", { ...auth, ...(type === "" ? {} : { "content-type": type }) }, body);
        expectNo5xx(answer, `POST ${url}`);
        expect([200, 202, 400, 404, 413, 415, 429]).toContain(answer.status);
      }),
      { numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS },
    );
    await expectNothingLeaked(fdsBefore);
  });

  it("registry creates, patches and odd paths never answer 5xx, each error an ApiError, leak nothing", async () => {
    const fdsBefore = openFds();
    const created = await send(`${running.url}/v1/mcp-servers`, "POST", { ...auth, "content-type": "application/json" }, JSON.stringify({ server_name: "fuzz-target", mcp_server_type: "sse", server_url: "http://fuzz-target.example/sse" }));
    expect(created.status, created.text).toBe(201);
    const id = (JSON.parse(created.text) as { id: string }).id;
    const route = fc.oneof(
      { weight: 5, arbitrary: fc.constant(["POST", "/v1/mcp-servers"] as const) },
      { weight: 3, arbitrary: fc.constant(["PATCH", `/v1/mcp-servers/${id}`] as const) },
      {
        weight: 2,
        arbitrary: fc.tuple(
          fc.constantFrom("POST", "PATCH", "GET", "PUT", "DELETE"),
          fc.oneof(
            fc.constantFrom("/v1/mcp-servers", `/v1/mcp-servers/${id}/tools`, `/v1/mcp-servers/${id}/tools/x/run`, "/v1/mcp-servers/mcp_server-00000000-0000-4000-8000-000000000000"),
            fc.string().map((tail) => `/v1/mcp-servers/${encodeURIComponent(tail)}`),
          ),
        ),
      },
    );
    await fc.assert(
      fc.asyncProperty(route, registryBody, contentType, async ([method, where], body, type) => {
        const withBody = method !== "GET" && method !== "DELETE";
        const answer = await send(`${running.url}${where}`, method, { ...auth, ...(type === "" ? {} : { "content-type": type }) }, withBody ? JSON.stringify(body) : undefined);
        expectNo5xx(answer, `${method} ${where}`);
        if (answer.status >= 400) expect(JSON.parse(answer.text)).toMatchObject({ code: expect.any(String), detail: expect.any(String) });
      }),
      { numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS },
    );
    // The fuzzed creates that succeeded named public hosts only (internal ones were refused).
    const listed = await send(`${running.url}/v1/mcp-servers?limit=100`, "GET", auth, undefined);
    for (const server of JSON.parse(listed.text) as { server_url?: string }[]) {
      if (server.server_url !== undefined) expect(server.server_url).not.toMatch(/^http:\/\/(10\.|127\.|\[::ffff:127)/);
    }
    await expectNothingLeaked(fdsBefore);
  });
});
