/**
 * Upstream bounds (issue 11, findings 7, 8 and 9), each against a real loopback upstream: a 50 MB
 * `tools/call` answer is cut at the limit, the call failing saying so (an `isError` result on a
 * session, 502 on the run route) while every other session goes on; calls to an upstream that
 * never answers time out and close their upstream requests (fds back to the baseline, the
 * upstream's connections closed); an answer stream that closes mid-answer fails the call at once.
 */
import { readdirSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { startServer } from "@mcp-contract/test-helpers";
import { describe, expect, it } from "vitest";
import { createGateway } from "../../src/gateway.js";
import { openSession, post, SSE_DIALECTS } from "../e2e/harness.js";
import { startRawUpstream } from "./raw-upstream.js";

const OPERATOR = "operator-bounds-5d1e";
const AUTH = { authorization: `Bearer ${OPERATOR}` };
const LIMIT = 1024 * 1024;
const FLOOD_BYTES = 50 * 1024 * 1024;

async function startGateway(options: { maxUpstreamAnswerBytes?: number; callTimeoutMs?: number } = {}) {
  const gateway = createGateway({
    config: { adminTokens: [OPERATOR], rateLimitPerMinute: 0 },
    registry: { databasePath: ":memory:", upstreamHostAllowlist: ["127.0.0.1"], connectTimeoutMs: 5_000, callTimeoutMs: 10_000, ...options },
    log: () => undefined,
  });
  const running = await startServer(gateway.app.server);
  const register = async (server_name: string, mcp_server_type: string, server_url: string): Promise<string> => {
    const created = await post(`${running.url}/v1/mcp-servers`, { server_name, mcp_server_type, server_url }, AUTH);
    expect(created.status, created.text).toBe(201);
    const id = String((created.json() as { id: string }).id);
    const refreshed = await fetch(`${running.url}/v1/mcp-servers/${id}/refresh`, { method: "PATCH", headers: AUTH });
    expect(refreshed.status).toBe(200);
    return id;
  };
  const run = async (id: string, tool: string, args: Record<string, unknown> = {}) => {
    const response = await post(`${running.url}/v1/mcp-servers/${id}/tools/${tool}/run`, { args }, AUTH);
    return { status: response.status, body: response.json() as { detail?: string; code?: string; content?: { text: string }[] } };
  };
  return {
    url: running.url,
    register,
    run,
    [Symbol.asyncDispose]: async () => {
      await gateway.close();
      await running.close();
    },
  };
}

/** This process's open file descriptors (Linux /proc). */
const openFds = (): number => readdirSync("/proc/self/fd").length;

/**
 * POSTs on a connection of its own that closes after the answer (no keep-alive pool holding
 * sockets, which would blur the fd count), resolving once that socket has closed.
 */
function postOnce(url: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = httpRequest(url, { method: "POST", agent: false, headers: { ...AUTH, "content-type": "application/json", "content-length": Buffer.byteLength(payload) } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => {
        const answer = { status: res.statusCode ?? 0, json: JSON.parse(text) as Record<string, unknown> };
        if (req.socket?.destroyed) resolve(answer);
        else req.socket?.once("close", () => resolve(answer));
      });
    });
    req.on("error", reject);
    req.end(payload);
  });
}

const textOf = (answer: Record<string, unknown>): string => ((answer["result"] as { content: { text: string }[] }).content[0]?.text ?? "");

describe("upstream answers are bounded", () => {
  it.each(["sse", "streamable"] as const)("a 50 MB %s answer: the gateway reads about the limit, the call fails naming it, other sessions go on", async (transport) => {
    await using upstream = await startRawUpstream(transport, FLOOD_BYTES);
    await using gateway = await startGateway({ maxUpstreamAnswerBytes: LIMIT });
    const type = transport === "sse" ? "sse" : "streamable_http";
    await gateway.register("flooder", type, upstream.url);

    await using flooded = await openSession(gateway.url, SSE_DIALECTS[0]!, AUTH);
    await using bystander = await openSession(gateway.url, SSE_DIALECTS[0]!, AUTH);
    const calls = Promise.all([
      flooded.request("flood", "tools/call", { name: "flooder__flood", arguments: {} }),
      bystander.request("meanwhile", "tools/call", { name: "echo", arguments: { text: "unaffected" } }),
    ]);
    const [answer, meanwhile] = await calls;
    expect(answer["result"]).toMatchObject({ isError: true });
    expect(textOf(answer)).toBe(`Upstream 'flooder' answered tools/call with more than ${LIMIT} bytes, the --max-upstream-answer-bytes limit: the answer was dropped.`);
    expect(textOf(meanwhile)).toContain("unaffected");

    // The upstream stopped writing when the gateway hung up: far less than 50 MB was ever read.
    await upstream.floodsEnded;
    expect(upstream.floodWritten()).toBeLessThan(16 * LIMIT);
    expect(upstream.floodWritten()).toBeGreaterThanOrEqual(LIMIT / 2);

    // Both sessions are alive, and the same upstream serves the next call (SSE: on a new connection).
    expect(await flooded.request("after", "ping")).toMatchObject({ result: {} });
    const echoed = await bystander.request("echo-up", "tools/call", { name: "flooder__echo", arguments: { message: "still here" } });
    expect(textOf(echoed)).toBe("Echo: still here");

    // The run route answers 502 with the same sentence.
    const id = await gateway.register("flooder-run", type, upstream.url);
    const ran = await gateway.run(id, "flood");
    expect(ran.status).toBe(502);
    expect(ran.body).toEqual({ code: "upstream_error", detail: `Upstream 'flooder-run' answered tools/call with more than ${LIMIT} bytes, the --max-upstream-answer-bytes limit: the answer was dropped.` });
  });

  it.each(["streamable", "sse"] as const)("100 calls to a %s upstream that never answers all time out, close their upstream requests, and the fds come back", async (transport) => {
    await using upstream = await startRawUpstream(transport, 0);
    await using gateway = await startGateway({ callTimeoutMs: 1_000 });
    const id = await gateway.register("silent", transport === "sse" ? "sse" : "streamable_http", upstream.url);
    const upstreamBaseline = upstream.connections();
    const fdBaseline = openFds();

    const calls = Array.from({ length: 100 }, () => postOnce(`${gateway.url}/v1/mcp-servers/${id}/tools/hang/run`, { args: {} }));
    // Not waited for first: on a loaded machine a call may time out before its request arrives.
    const answers = await Promise.all(calls);
    expect(upstream.hangs()).toBeGreaterThan(0);
    for (const answer of answers) {
      expect(answer.status).toBe(504);
      expect(answer.json).toEqual({ code: "upstream_timeout", detail: "Upstream 'silent' did not answer tools/call within 1000 ms." });
    }
    // The upstream sees the gateway hang up every request it left unanswered.
    await upstream.connectionsAtMost(upstreamBaseline);
    expect(openFds()).toBeLessThanOrEqual(fdBaseline + 5);
  });

  it.each([
    ["sse", "Upstream 'cutter' failed: it closed its event stream during tools/call, before answering."],
    ["streamable", "Upstream 'cutter' failed: it closed the connection during tools/call, before answering."],
  ] as const)("a %s answer stream that closes mid-answer fails the call at once, not at the call timeout", async (transport, message) => {
    await using upstream = await startRawUpstream(transport, 0);
    await using gateway = await startGateway({ callTimeoutMs: 60_000 });
    const id = await gateway.register("cutter", transport === "sse" ? "sse" : "streamable_http", upstream.url);
    const started = performance.now();
    const ran = await gateway.run(id, "cut");
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(ran.status).toBe(502);
    expect(ran.body).toEqual({ code: "upstream_error", detail: message });
    // The next call reconnects and is answered.
    expect((await gateway.run(id, "echo", { message: "again" })).body.content?.[0]?.text).toBe("Echo: again");
  });
});
